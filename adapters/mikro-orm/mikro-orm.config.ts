import { CompiledQuery, type DatabaseConnection } from 'kysely';
import type { MigrationObject, Options } from '@mikro-orm/core';
import { MySqlDriver } from '@mikro-orm/mysql';
import { NulSafeSqliteDriver } from './nul-safe-sqlite.driver.ts';
import { Migrator } from '@mikro-orm/migrations';
import type { DatabaseTarget } from './database-url.ts';
import { entities } from './schema/entities.ts';

/** Time limits; every statement runs under them. */
export interface DatabaseTimeouts {
  readonly connectMs: number;
  /** InnoDB lock wait (whole seconds) and SQLite's busy timeout. */
  readonly lockWaitMs: number;
  /** Longest a single MySQL/MariaDB statement may run. */
  readonly statementMs: number;
}

/** 5 s to connect, 5 s lock wait, 30 s per statement. */
export const defaultTimeouts: DatabaseTimeouts = { connectMs: 5_000, lockWaitMs: 5_000, statementMs: 30_000 };

/** Connections per MySQL pool (the ORM's and the batch pool each). */
const poolSize = 10;

const run = (connection: DatabaseConnection, statement: string) => connection.executeQuery(CompiledQuery.raw(statement));

// MariaDB names the statement limit max_statement_time (seconds); MySQL 8 max_execution_time (ms, SELECT only).
const mysqlSession = (timeouts: DatabaseTimeouts) => async (connection: unknown) => {
  const db = connection as DatabaseConnection;
  // Strict whatever the server default: too-long text is an error, never a silent truncation.
  await run(db, "set session sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'");
  // Every read sees the latest commit: a read after taking a row lock must see what the lock's holder wrote
  // (under REPEATABLE READ it would see a snapshot from the unit's first read).
  await run(db, 'set session transaction isolation level read committed');
  await run(db, `set session innodb_lock_wait_timeout = ${Math.max(1, Math.round(timeouts.lockWaitMs / 1000))}`);
  await run(db, `set session max_statement_time = ${timeouts.statementMs / 1000}`).catch(() =>
    run(db, `set session max_execution_time = ${timeouts.statementMs}`),
  );
};

const sqliteSession = async (connection: unknown) => {
  const db = connection as DatabaseConnection;
  await run(db, 'pragma journal_mode = wal');
  await run(db, 'pragma synchronous = normal');
};

/** MikroORM options for a target; the same entities, the dialect's own migration set. */
export const ormOptions = (
  target: DatabaseTarget,
  migrations: ReadonlyArray<MigrationObject>,
  migrationsPath: string,
  timeouts: DatabaseTimeouts = defaultTimeouts,
  sqliteDriver: Options['driver'] = NulSafeSqliteDriver,
): Partial<Options> => {
  const common = {
    entities,
    extensions: [Migrator],
    debug: false,
    forceUtcTimezone: true,
    discovery: { warnWhenNoEntities: false },
    migrations: {
      tableName: 'mikro_orm_migrations',
      path: migrationsPath,
      migrationsList: [...migrations],
      transactional: true,
      allOrNothing: true,
      snapshot: true,
      snapshotName: '.snapshot',
      // The snapshot is the create-migration tool's baseline; running migrations never rewrites it.
      snapshotOnMigrate: false,
      emit: 'ts' as const,
      silent: true,
    },
  };
  if (target.dialect === 'sqlite') {
    return {
      ...common,
      driver: sqliteDriver,
      dbName: target.path,
      driverOptions: { timeout: timeouts.lockWaitMs },
      onCreateConnection: sqliteSession,
    };
  }
  return {
    ...common,
    driver: MySqlDriver,
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    dbName: target.database,
    charset: 'utf8mb4',
    collate: 'utf8mb4_bin',
    pool: { min: 0, max: poolSize, idleTimeoutMillis: 30_000 },
    // No multipleStatements here: only the pipelined transaction's own pool batches (batch-pool.ts).
    // maxIdle: mysql2 closes every free connection beyond maxIdle once a second, and MikroORM sets it to
    // pool.min (0) — under load each pool reconnected (handshake + 4 session statements) all the time.
    driverOptions: { connectTimeout: timeouts.connectMs, enableKeepAlive: true, maxIdle: poolSize - 1 },
    onCreateConnection: mysqlSession(timeouts),
  };
};
