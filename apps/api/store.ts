import type { UnitOfWork } from '../../core/shared/unit-of-work.port.ts';
import { MemoryUnitOfWork } from '../../adapters/memory/memory-unit-of-work.ts';
import type { ApiConfig } from './config.ts';

export interface OpenStore {
  readonly uow: UnitOfWork;
  close(): Promise<void>;
}

/** The one place the composition root chooses its store from `DATABASE_URL`. */
export const openStore = async (_config: Pick<ApiConfig, 'databaseUrl'>): Promise<OpenStore> => {
  // Memory for now; the MikroORM adapter (sqlite:/mysql:) is switched in here.
  return { uow: new MemoryUnitOfWork(), close: async () => {} };
};
