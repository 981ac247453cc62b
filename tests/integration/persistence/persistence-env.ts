import { Effect } from 'effect';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Store } from '../../../core/shared/unit-of-work.port.ts';
import type { OpenOptions, SwitchboardDatabase } from '../../../adapters/mikro-orm/open-database.ts';
import { createMysqlDatabase, mysqlServer, openFreshSqlite, type MysqlTestDatabase } from '../../support/databases.ts';

/** A way to get fresh stores of one dialect; `teardown` releases what `setup` made. */
export interface DialectEnv {
  readonly name: 'sqlite' | 'mysql';
  setup(): Promise<void>;
  open(options?: OpenOptions): Promise<SwitchboardDatabase>;
  /** A database of its own with no tables at all; closing it drops it. */
  openEmpty(): Promise<SwitchboardDatabase>;
  teardown(): Promise<void>;
}

const sqliteEnv: DialectEnv = { name: 'sqlite', setup: async () => {}, open: (options) => openFreshSqlite(options),
  openEmpty: () => openFreshSqlite({ migrate: false }),
  teardown: async () => {} };

const server = await mysqlServer();

const mysqlEnv = (url: URL): DialectEnv => {
  let database: MysqlTestDatabase | undefined;
  return {
    name: 'mysql',
    setup: async () => {
      database = await createMysqlDatabase(url);
    },
    open: (options) => (database as MysqlTestDatabase).open(options),
    openEmpty: async () => {
      const empty = await createMysqlDatabase(url, { migrate: false });
      const db = await empty.open();
      return { ...db, close: () => db.close().then(() => empty.drop()) };
    },
    teardown: async () => {
      await database?.drop();
    },
  };
};

/** SQLite always; MariaDB/MySQL when `MYSQL_URL` is set (and a failing test in CI when it is not usable). */
export const dialects = (): ReadonlyArray<DialectEnv> => (server.status === 'ready' ? [sqliteEnv, mysqlEnv(server.url)] : [sqliteEnv]);

/** The MariaDB/MySQL env alone, for what only means something with row locks. */
export const mysqlOnly = (title: string, body: (env: DialectEnv) => void): void => {
  if (server.status === 'ready') describe(title, () => body(mysqlEnv(server.url)));
  else if (server.status === 'fail') describe(title, () => it('needs a reachable MariaDB/MySQL at MYSQL_URL', () => Promise.reject(new Error(server.reason))));
  else describe.skip(`${title} (${server.reason})`, () => it('runs when MYSQL_URL is set', () => {}));
};

/** Opens a store of `env` before the enclosing describe's tests and closes it (and what `setup` made) after; call the result for the store. */
export const openedFor = (env: DialectEnv, options?: OpenOptions): (() => SwitchboardDatabase) => {
  let db: SwitchboardDatabase | undefined;
  beforeAll(async () => {
    await env.setup();
    db = await env.open(options);
  });
  afterAll(async () => {
    await db?.close();
    await env.teardown();
  });
  return () => {
    if (db === undefined) throw new Error('the store is opened in beforeAll');
    return db;
  };
};

export const inTransaction = <A, E>(db: SwitchboardDatabase, work: (store: Store) => Effect.Effect<A, E>): Promise<A> =>
  Effect.runPromise(db.uow.transaction(work));

export const reading = <A, E>(db: SwitchboardDatabase, work: (store: Store) => Effect.Effect<A, E>): Promise<A> =>
  Effect.runPromise(db.uow.read(work));

/** The failure a unit ended with (or 'ok'). */
export const failureOf = async <A, E>(effect: Effect.Effect<A, E>): Promise<E | 'ok'> =>
  Effect.runPromise(Effect.match(effect, { onFailure: (error) => error, onSuccess: () => 'ok' as const }));
