import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Result } from 'effect';
import { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { SecretCipher } from '../../core/integrations/integration.port.ts';
import { parseDatabaseUrl, type DatabaseTarget } from './database-url.ts';
import { defaultTimeouts, ormOptions, type DatabaseTimeouts } from './mikro-orm.config.ts';
import { defaultRetryPolicy, MikroOrmUnitOfWork, type RetryPolicy } from './mikro-orm-unit-of-work.ts';
import { MikroOrmBacklogProbe } from './mikro-orm-backlog-probe.ts';
import { MikroOrmOutboxFeed } from './mikro-orm-outbox-feed.ts';
import { openBatchPool } from './batch-pool.ts';
import { betterSqliteDriver, NulSafeSqliteDriver } from './nul-safe-sqlite.driver.ts';
import { mysqlMigrations } from './migrations/mysql/index.ts';
import { sqliteMigrations } from './migrations/sqlite/index.ts';

/** An open Switchboard store on MikroORM: the unit of work, the relay's outbox feed, migrations. */
export interface SwitchboardDatabase {
  readonly target: DatabaseTarget;
  readonly orm: MikroORM;
  readonly uow: MikroOrmUnitOfWork;
  readonly outboxFeed: MikroOrmOutboxFeed;
  /** Queue and outbox figures for the metrics gauges. */
  readonly backlog: MikroOrmBacklogProbe;
  /** Applies every pending migration of the dialect's set; returns their names. */
  migrate(): Promise<ReadonlyArray<string>>;
  /** True when the database answers (for readiness probes). */
  ping(): Promise<boolean>;
  /** Closes the connections. */
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Run pending migrations before returning (default true). */
  readonly migrate?: boolean;
  readonly timeouts?: DatabaseTimeouts;
  readonly retry?: RetryPolicy;
  /** Seals the Qiscus and channel secrets at rest (e.g. the crypto adapter's `AesGcmSecretBox`); without it, storing or reading one is a defect. */
  readonly secrets?: SecretCipher;
  /** The SQLite library: Node's own `node:sqlite` (default) or better-sqlite3 (needs `@mikro-orm/sqlite` installed). */
  readonly sqliteDriver?: 'node:sqlite' | 'better-sqlite3';
}

export const migrationsFolder = (target: DatabaseTarget): string => join(import.meta.dirname, 'migrations', target.dialect);

/** Opens the ORM for a decoded target. */
export const openTarget = async (target: DatabaseTarget, options: OpenOptions = {}): Promise<SwitchboardDatabase> => {
  if (target.dialect === 'sqlite' && target.path !== ':memory:') await mkdir(dirname(target.path), { recursive: true });
  const migrations = target.dialect === 'sqlite' ? sqliteMigrations(options.secrets) : mysqlMigrations(options.secrets);
  const sqliteDriver = options.sqliteDriver === 'better-sqlite3' ? await betterSqliteDriver() : NulSafeSqliteDriver;
  const orm = await MikroORM.init(ormOptions(target, migrations, migrationsFolder(target), options.timeouts ?? defaultTimeouts, sqliteDriver));
  const batches = target.dialect === 'mysql' ? openBatchPool(orm) : null;
  const uow = new MikroOrmUnitOfWork(orm.em as unknown as SqlEntityManager, target.dialect, {
    retry: options.retry ?? defaultRetryPolicy,
    ...(options.secrets === undefined ? {} : { secrets: options.secrets }),
    ...(batches === null ? {} : { batches: batches.client }),
  });
  const close = async () => {
    await batches?.close();
    await orm.close(true);
  };
  const database: SwitchboardDatabase = {
    target,
    orm,
    uow,
    outboxFeed: new MikroOrmOutboxFeed((mode, work) => uow.withSession(mode, work)),
    backlog: new MikroOrmBacklogProbe((mode, work) => uow.withSession(mode, work)),
    migrate: async () => (await orm.migrator.up()).map((m) => m.name),
    ping: async () => (await orm.checkConnection()).ok,
    close,
  };
  try {
    if (options.migrate ?? true) await database.migrate();
  } catch (error) {
    await close();
    throw error;
  }
  return database;
};

/** Opens the store named by `DATABASE_URL` (`sqlite:<path>` or `mysql://user:pass@host:port/db`) and migrates it. */
export const openDatabase = async (url: string, options: OpenOptions = {}): Promise<SwitchboardDatabase> => {
  const target = parseDatabaseUrl(url);
  if (Result.isFailure(target)) throw new Error(target.failure);
  return openTarget(target.success, options);
};
