import type { ContractEnvFactory } from '../contract-env.ts';

// STUB: the suite for this port is still to be written.
export const unitOfWorkContract = (_makeEnv: ContractEnvFactory): void => {};
