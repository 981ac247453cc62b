import type { ContractEnvFactory } from '../contract/contract-env.ts';
import { createMysqlDatabase, mysqlServer } from '../support/databases.ts';
import { MikroOrmTenantDirectory } from '../../adapters/mikro-orm/mikro-orm-tenant-directory.ts';

/**
 * `E2E_STORE` module: each app of the e2e suite on a database created for it on the MariaDB/MySQL
 * server of `MYSQL_URL`, dropped on close. A missing or unreachable server fails the suite.
 */
export const makeStore: ContractEnvFactory = async () => {
  const server = await mysqlServer();
  if (server.status !== 'ready') throw new Error(`e2e on MariaDB: ${server.reason}`);
  const database = await createMysqlDatabase(server.url);
  const db = await database.open();
  return {
    uow: db.uow,
    directory: new MikroOrmTenantDirectory((mode, work) => db.uow.withSession(mode, work)),
    close: async () => {
      await db.close();
      await database.drop();
    },
  };
};
