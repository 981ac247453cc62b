import type { ContractEnvFactory } from '../contract-env.ts';

// STUB: the suite for this port is still to be written.
export const agentPoolContract = (_makeEnv: ContractEnvFactory): void => {};
