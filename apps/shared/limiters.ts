import { Result } from 'effect';
import type { RateLimitStore } from '../../adapters/http-koa/rate-limits.ts';
import { MemoryRateCounter } from '../../adapters/memory/memory-rate-counter.ts';
import { parseDatabaseUrl } from '../../adapters/mikro-orm/database-url.ts';
import { MysqlRateCounter } from '../../adapters/mikro-orm/mysql-rate-counter.ts';

/** The login and channel counters for `DATABASE_URL`, and how to let them go. */
export interface LimiterStore extends RateLimitStore {
  readonly kind: 'mysql' | 'memory';
  close(): Promise<void>;
}

export interface LimiterStoreOptions {
  readonly connectTimeoutMs?: number;
  /** Longest any counter operation may take; past it the request fails as unavailable (503). */
  readonly operationTimeoutMs?: number;
  readonly connectionLimit?: number;
}

/**
 * `mysql://` (and `mariadb://`): the migrated `rate_limits` table of the same database, so N processes never
 * allow N times a limit. SQLite and `memory:` are the embedded single-process stores: counters in this
 * process's memory (they restart with it).
 */
export const openLimiterStore = async (databaseUrl: string, options: LimiterStoreOptions = {}): Promise<LimiterStore> => {
  const memory = (): LimiterStore => ({ kind: 'memory', counter: new MemoryRateCounter(), shared: false, close: async () => {} });
  if (databaseUrl === 'memory:') return memory();
  const target = parseDatabaseUrl(databaseUrl);
  if (Result.isFailure(target)) throw new Error(target.failure);
  if (target.success.dialect === 'sqlite') return memory();
  const counter = await MysqlRateCounter.open({ ...target.success, ...options });
  return { kind: 'mysql', counter, shared: true, close: () => counter.close() };
};
