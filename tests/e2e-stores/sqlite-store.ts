import type { ContractEnvFactory } from '../contract/contract-env.ts';
import { openFreshSqlite } from '../support/databases.ts';
import { MikroOrmTenantDirectory } from '../../adapters/mikro-orm/mikro-orm-tenant-directory.ts';

/** `E2E_STORE` module: each app of the e2e suite on a brand-new, migrated SQLite file (deleted on close). */
export const makeStore: ContractEnvFactory = async () => {
  const db = await openFreshSqlite();
  return { uow: db.uow, directory: new MikroOrmTenantDirectory((mode, work) => db.uow.withSession(mode, work)), close: () => db.close() };
};
