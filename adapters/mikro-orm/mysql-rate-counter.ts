import { createHash } from 'node:crypto';
import { Effect } from 'effect';
import { createPool, type Pool, type ResultSetHeader } from 'mysql2';
import { StoreUnavailable } from '../../core/shared/errors.ts';
import type { RateCounter, Taken } from '../../core/shared/rate-counter.port.ts';

export interface MysqlRateCounterOptions {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database: string;
  readonly connectTimeoutMs?: number;
  /** Longest any counter statement may take; past it the caller gets `StoreUnavailable` (503), never a pass. */
  readonly operationTimeoutMs?: number;
  readonly connectionLimit?: number;
}

export const rateLimitTable = 'rate_limits';

// One statement per attempt. MySQL/MariaDB assign left to right, each assignment seeing the ones before it:
// `counted` is decided on the old row, `points` adds it, and the window end and `counted` come back as the
// statement's insert id (`LAST_INSERT_ID(expr)`), so nothing is read back. A new key inserts (insert id 0).
const takeSql =
  `insert into \`${rateLimitTable}\` (\`key\`, \`points\`, \`expires_at\`, \`counted\`) values (?, 1, ?, 1) on duplicate key update ` +
  '`counted` = if(`expires_at` <= ? or `points` < ?, 1, 0), ' +
  '`points` = if(`expires_at` <= ?, 1, `points` + `counted`), ' +
  '`expires_at` = last_insert_id(if(`expires_at` <= ?, ?, `expires_at`) * 2 + `counted`) div 2';
const giveBackSql = `update \`${rateLimitTable}\` set \`points\` = \`points\` - 1 where \`key\` = ? and \`points\` > 0 and \`expires_at\` > ?`;
const clearSql = `delete from \`${rateLimitTable}\` where \`key\` = ?`;
const sweepSql = `delete from \`${rateLimitTable}\` where \`expires_at\` <= ? limit 1000`;

/** Keys at rest are sha256 digests: fixed length whatever the email, and no emails or addresses stored. */
const digest = (key: string): string => createHash('sha256').update(key, 'utf8').digest('base64url');

/**
 * Counters in the `rate_limits` table (see the migrations), shared by every API process on the database.
 * Its own small pool, so a slow counter store fails limited requests fast (503) without taking the unit of
 * work's connections. Expired rows are swept every few minutes.
 */
export class MysqlRateCounter implements RateCounter {
  readonly #pool: Pool;
  readonly #timeout: number;
  readonly #now: () => number;
  readonly #sweeper: NodeJS.Timeout;

  private constructor(pool: Pool, timeout: number, now: () => number) {
    this.#pool = pool;
    this.#timeout = timeout;
    this.#now = now;
    this.#sweeper = setInterval(() => void this.#run(sweepSql, [this.#now()]).catch(() => {}), 300_000).unref();
  }

  /** Opens the pool and checks that the table is there (the migrations create it). */
  static async open(options: MysqlRateCounterOptions, now: () => number = Date.now): Promise<MysqlRateCounter> {
    const { host, port, user, password, database } = options;
    const pool = createPool({
      host, port, user, password, database,
      charset: 'utf8mb4',
      connectTimeout: options.connectTimeoutMs ?? 3_000,
      connectionLimit: options.connectionLimit ?? 5,
      // mysql2 closes every free connection beyond maxIdle once a second: keep them (idle ones go after idleTimeout).
      maxIdle: Math.max(0, (options.connectionLimit ?? 5) - 1),
      idleTimeout: 60_000,
      queueLimit: 200,
      enableKeepAlive: true,
    });
    const counter = new MysqlRateCounter(pool, options.operationTimeoutMs ?? 3_000, now);
    try {
      await counter.#run(`select 1 from \`${rateLimitTable}\` limit 1`, [], 10_000);
    } catch (error) {
      await counter.close();
      throw error;
    }
    return counter;
  }

  take(key: string, limit: number, windowMs: number): Effect.Effect<Taken, StoreUnavailable> {
    return this.#effect(async () => {
      const now = this.#now();
      const endsAt = now + windowMs;
      const result = await this.#run(takeSql, [digest(key), endsAt, now, limit, now, now, endsAt]);
      if (result.insertId === 0) return { counted: true, resetInMs: windowMs };
      const packed = Number(result.insertId);
      return { counted: packed % 2 === 1, resetInMs: Math.floor(packed / 2) - now };
    });
  }

  giveBack(key: string): Effect.Effect<void, StoreUnavailable> {
    return this.#effect(async () => void (await this.#run(giveBackSql, [digest(key), this.#now()])));
  }

  clear(key: string): Effect.Effect<void, StoreUnavailable> {
    return this.#effect(async () => void (await this.#run(clearSql, [digest(key)])));
  }

  close(): Promise<void> {
    clearInterval(this.#sweeper);
    return new Promise((resolve) => this.#pool.end(() => resolve()));
  }

  #effect<A>(work: () => Promise<A>): Effect.Effect<A, StoreUnavailable> {
    return Effect.tryPromise({ try: work, catch: (cause) => new StoreUnavailable({ cause }) });
  }

  #run(sql: string, values: ReadonlyArray<unknown>, timeout = this.#timeout): Promise<ResultSetHeader> {
    return new Promise((resolve, reject) =>
      this.#pool.query({ sql, values: [...values], timeout }, (error, result) => (error ? reject(error) : resolve(result as ResultSetHeader))),
    );
  }
}
