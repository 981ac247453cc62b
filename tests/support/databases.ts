import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import { MySqlDriver } from '@mikro-orm/mysql';
import type { DatabaseTarget } from '../../adapters/mikro-orm/database-url.ts';
import { openTarget, type OpenOptions, type SwitchboardDatabase } from '../../adapters/mikro-orm/open-database.ts';
import { AesGcmSecretBox } from '../../adapters/crypto/secret-box.ts';

const suffix = (): string => randomBytes(6).toString('hex');

/** The secrets cipher the test stores seal Qiscus secrets with (one random key per test process). */
export const testSecrets = new AesGcmSecretBox(randomBytes(32));

/** A fresh SQLite file under the OS temp folder; `remove` deletes it with its WAL files. */
export const freshSqliteTarget = (): { readonly target: DatabaseTarget; remove(): Promise<void> } => {
  const path = join(tmpdir(), `switchboard-test-${suffix()}.db`);
  return {
    target: { dialect: 'sqlite', path },
    remove: async () => {
      for (const file of [path, `${path}-wal`, `${path}-shm`]) await rm(file, { force: true });
    },
  };
};

/** Opens (and migrates) a brand-new SQLite store; closing it deletes the file. */
export const openFreshSqlite = async (options: OpenOptions = {}): Promise<SwitchboardDatabase> => {
  const file = freshSqliteTarget();
  const db = await openTarget(file.target, { secrets: testSecrets, ...options });
  return {
    ...db,
    close: async () => {
      await db.close();
      await file.remove();
    },
  };
};

/**
 * The MariaDB/MySQL server of `MYSQL_URL`, or why it is missing. Outside CI a missing URL means "skip";
 * with `CI=true` a missing URL or an unreachable server must fail the run, never skip it.
 */
export type MysqlServer =
  | { readonly status: 'ready'; readonly url: URL }
  | { readonly status: 'skip'; readonly reason: string }
  | { readonly status: 'fail'; readonly reason: string };

const asTarget = (url: URL, database: string): DatabaseTarget => ({
  dialect: 'mysql',
  host: url.hostname,
  port: Number(url.port || 3306),
  user: decodeURIComponent(url.username) || 'root',
  password: decodeURIComponent(url.password),
  database,
});

const serverOrm = (url: URL) =>
  MikroORM.init({ ...asTarget(url, 'mysql'), driver: MySqlDriver, dbName: 'mysql', entities: [], discovery: { warnWhenNoEntities: false }, ensureDatabase: false, driverOptions: { connectTimeout: 3000 } });

export const mysqlServer = async (): Promise<MysqlServer> => {
  const raw = process.env.MYSQL_URL;
  const ci = process.env.CI === 'true';
  if (raw === undefined || raw === '') {
    return ci ? { status: 'fail', reason: 'CI=true but MYSQL_URL is not set' } : { status: 'skip', reason: 'MYSQL_URL is not set' };
  }
  const url = new URL(raw);
  try {
    const orm = await serverOrm(url);
    try {
      await orm.em.getConnection().execute('select 1');
    } finally {
      await orm.close(true);
    }
    return { status: 'ready', url };
  } catch (error) {
    return { status: 'fail', reason: `MariaDB at ${url.host} is unreachable: ${String(error)}` };
  }
};

/** A database created for this run (migrated once), dropped by `drop`. */
export interface MysqlTestDatabase {
  readonly target: DatabaseTarget;
  /** Another connection pool on the same database (as a second process would have). */
  open(options?: OpenOptions): Promise<SwitchboardDatabase>;
  drop(): Promise<void>;
}

export const createMysqlDatabase = async (url: URL, options: { readonly migrate?: boolean } = {}): Promise<MysqlTestDatabase> => {
  const name = `sb_test_${suffix()}`;
  const orm = await serverOrm(url);
  await orm.em.getConnection().execute(`create database \`${name}\` character set utf8mb4 collate utf8mb4_bin`);
  const target = asTarget(url, name);
  if (options.migrate ?? true) await (await openTarget(target)).close();
  return {
    target,
    open: (options = {}) => openTarget(target, { migrate: false, secrets: testSecrets, ...options }),
    drop: async () => {
      await orm.em.getConnection().execute(`drop database if exists \`${name}\``);
      await orm.close(true);
    },
  };
};
