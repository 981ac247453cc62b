import type { UnitOfWork } from '../../core/shared/unit-of-work.port.ts';

/** A fresh, empty store for one contract suite; `close` releases it (connections, files). */
export interface ContractEnv {
  readonly uow: UnitOfWork;
  close(): Promise<void>;
}

export type ContractEnvFactory = () => Promise<ContractEnv>;
