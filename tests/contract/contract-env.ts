import type { UnitOfWork } from '../../core/shared/unit-of-work.port.ts';
import type { TenantDirectory } from '../../core/tenancy/tenant-directory.port.ts';

/** A fresh, empty store for one contract suite; `close` releases it (connections, files). */
export interface ContractEnv {
  readonly uow: UnitOfWork;
  /** The store's cross-tenant queries (the sweeps), where a suite needs them. */
  readonly directory?: TenantDirectory;
  close(): Promise<void>;
}

export type ContractEnvFactory = () => Promise<ContractEnv>;
