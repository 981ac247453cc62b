export interface PreparingDatabase {
  prepare(sql: string): unknown;
  close(): void;
}

/** How many prepared statements a connection keeps: the hot paths' few dozen, with room for the ORM's one-off texts. */
const statementCacheSize = 256;

/**
 * Kysely's SQLite driver prepares every statement each time it runs (≈ 0.1 ms each, a fifth of a channel
 * webhook's CPU); this keeps the most recently used ones, keyed by their text (SQLite re-prepares a cached
 * statement itself after a schema change). Statements run to completion synchronously, so one is never in use twice.
 */
export const cachingStatements = (database: PreparingDatabase): PreparingDatabase => {
  const cache = new Map<string, unknown>();
  return {
    prepare: (sql) => {
      let statement = cache.get(sql);
      if (statement !== undefined) cache.delete(sql);
      else {
        statement = database.prepare(sql);
        if (cache.size >= statementCacheSize) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, statement);
      return statement;
    },
    close: () => {
      cache.clear();
      database.close();
    },
  };
};

