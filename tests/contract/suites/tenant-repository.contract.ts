import type { ContractEnvFactory } from '../contract-env.ts';

// STUB: the suite for this port is still to be written.
export const tenantRepositoryContract = (_makeEnv: ContractEnvFactory): void => {};
