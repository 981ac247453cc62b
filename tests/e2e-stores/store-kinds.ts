import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type OpenStore } from '../../apps/shared/open-store.ts';
import { createMysqlDatabase, mysqlServer } from '../support/databases.ts';

/** A way to open a brand-new store through the apps' `openStore`, as `DATABASE_URL` would name it. */
export interface StoreKind {
  readonly name: string;
  open(): Promise<OpenStore>;
}

const sqlite: StoreKind = {
  name: 'sqlite',
  open: async () => {
    const path = join(tmpdir(), `switchboard-apps-${randomBytes(6).toString('hex')}.db`);
    const store = await openStore(`sqlite:${path}`);
    return {
      ...store,
      close: async () => {
        await store.close();
        for (const file of [path, `${path}-wal`, `${path}-shm`]) await rm(file, { force: true });
      },
    };
  },
};

/** Memory and SQLite always; MariaDB when `MYSQL_URL` is set, and with `CI=true` always (failing when unreachable). */
export const storeKinds = async (): Promise<ReadonlyArray<StoreKind>> => {
  const memory: StoreKind = { name: 'memory', open: () => openStore('memory:') };
  const server = await mysqlServer();
  if (server.status === 'skip') return [memory, sqlite];
  const mariadb: StoreKind = {
    name: 'mariadb',
    open: async () => {
      if (server.status === 'fail') throw new Error(server.reason);
      const database = await createMysqlDatabase(server.url, { migrate: false });
      const url = new URL(server.url);
      url.pathname = `/${database.target.dialect === 'mysql' ? database.target.database : ''}`;
      const store = await openStore(url.toString());
      return {
        ...store,
        close: async () => {
          await store.close();
          await database.drop();
        },
      };
    },
  };
  return [memory, sqlite, mariadb];
};
