import { createHash } from 'node:crypto';
import { Result } from 'effect';
import { createPool, type Pool } from 'mysql2';
import { RateLimiterMySQL, RLWrapperTimeouts } from 'rate-limiter-flexible';
import { memoryLimiters, type LimiterFactory } from '../../adapters/http-koa/rate-limits.ts';
import { parseDatabaseUrl } from '../../adapters/mikro-orm/database-url.ts';

/** Where the login and channel counters live, shared by every API process on the same database. */
export interface LimiterStore {
  readonly kind: 'mysql' | 'memory';
  /** Pass as `limiters` to `createApp`. */
  readonly factory: LimiterFactory;
  close(): Promise<void>;
}

export interface LimiterStoreOptions {
  /** Table of the counters, created at start (default `rate_limits`). */
  readonly tableName?: string;
  readonly connectTimeoutMs?: number;
  /** Longest any counter operation may take; past it the request fails as unavailable (503). */
  readonly operationTimeoutMs?: number;
  readonly connectionLimit?: number;
}

export const defaultLimiterTable = 'rate_limits';

// Column order matters: RateLimiterMySQL inserts positionally (key, points, expire).
const createTableSql = (table: string): string =>
  `create table if not exists \`${table}\` (` +
  '`key` varchar(255) character set ascii collate ascii_bin not null, ' +
  '`points` int not null default 0, ' +
  '`expire` bigint unsigned null, ' +
  'primary key (`key`)' +
  ') engine = InnoDB';

/** Stores `<prefix>:<sha256 of the key>`: fixed length whatever the email, and no emails or addresses at rest. */
class HashedKeyMySqlLimiter extends RateLimiterMySQL {
  override getKey(key: string | number): string {
    return `${this.keyPrefix}:${createHash('sha256').update(String(key), 'utf8').digest('base64url')}`;
  }
}

const query = (pool: Pool, sql: string, timeout: number): Promise<void> =>
  new Promise((resolve, reject) => pool.query({ sql, timeout }, (error) => (error ? reject(error) : resolve())));

const endPool = (pool: Pool): Promise<void> => new Promise((resolve) => pool.end(() => resolve()));

const openMysqlLimiters = async (
  target: { host: string; port: number; user: string; password: string; database: string },
  options: LimiterStoreOptions,
): Promise<LimiterStore> => {
  const tableName = options.tableName ?? defaultLimiterTable;
  const timeoutMs = options.operationTimeoutMs ?? 3_000;
  const { host, port, user, password, database } = target;
  const pool = createPool({
    host,
    port,
    user,
    password,
    database,
    charset: 'utf8mb4',
    connectTimeout: options.connectTimeoutMs ?? 3_000,
    connectionLimit: options.connectionLimit ?? 5,
    maxIdle: 2,
    idleTimeout: 60_000,
    queueLimit: 200,
    enableKeepAlive: true,
  });
  try {
    await query(pool, createTableSql(tableName), Math.max(timeoutMs, 10_000));
  } catch (error) {
    await endPool(pool);
    throw error;
  }
  const factory: LimiterFactory = ({ keyPrefix, points, duration }) =>
    new RLWrapperTimeouts({
      limiter: new HashedKeyMySqlLimiter({
        storeClient: pool,
        storeType: 'pool',
        dbName: database,
        tableName,
        tableCreated: true,
        keyPrefix,
        points,
        duration,
      }),
      timeoutMs,
    });
  return { kind: 'mysql', factory, close: () => endPool(pool) };
};

const inMemory: LimiterStore = { kind: 'memory', factory: memoryLimiters, close: async () => {} };

/**
 * The limiter store for `DATABASE_URL`: a table in the same MySQL/MariaDB database for `mysql://` (and
 * `mariadb://`), so N processes never allow N times a limit. SQLite and `memory:` are the embedded
 * single-process stores: their counters stay in this process's memory (and restart with it).
 */
export const openLimiterStore = async (databaseUrl: string, options: LimiterStoreOptions = {}): Promise<LimiterStore> => {
  if (databaseUrl === 'memory:') return inMemory;
  const target = parseDatabaseUrl(databaseUrl);
  if (Result.isFailure(target)) throw new Error(target.failure);
  return target.success.dialect === 'sqlite' ? inMemory : openMysqlLimiters(target.success, options);
};
