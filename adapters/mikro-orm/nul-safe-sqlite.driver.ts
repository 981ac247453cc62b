import type { Configuration, Constructor } from '@mikro-orm/core';
import { AbstractSqlDriver, SqlitePlatform } from '@mikro-orm/sql';
import { MikroORM as SqliteMikroORM, SqliteConnection } from '@mikro-orm/sqlite';
import { SqliteDialect } from 'kysely';

const nul = '\u0000';

/**
 * MikroORM inlines every value into the SQL text, and SQLite reads a statement only up to its first
 * NUL: a string holding U+0000 is spelt `('a' || char(0) || 'b')`, which stores exactly those characters.
 */
export class NulSafeSqlitePlatform extends SqlitePlatform {
  override escape(value: unknown): string {
    const escaped = super.escape(value);
    return typeof value === 'string' && value.includes(nul) ? `(${escaped.split(nul).join("' || char(0) || '")})` : escaped;
  }
}

interface PreparingDatabase {
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

/** `@mikro-orm/sqlite`'s connection (better-sqlite3) with a prepared-statement cache. */
class CachingSqliteConnection extends SqliteConnection {
  override createKyselyDialect(options: Record<string, unknown>): SqliteDialect {
    super.createKyselyDialect(options);
    const own = this as unknown as { database: PreparingDatabase; options: { onCreateConnection?: unknown }; config: Configuration };
    return new SqliteDialect({
      database: cachingStatements(own.database) as never,
      onCreateConnection: (own.options.onCreateConnection ?? own.config.get('onCreateConnection')) as never,
    });
  }
}

/** `@mikro-orm/sqlite`'s driver (better-sqlite3) on the NUL-safe platform, statements cached. */
export class NulSafeSqliteDriver extends AbstractSqlDriver<SqliteConnection, SqlitePlatform> {
  constructor(config: Configuration) {
    super(config, new NulSafeSqlitePlatform(), CachingSqliteConnection, ['kysely', 'better-sqlite3']);
  }

  override getORMClass(): Constructor<SqliteMikroORM> {
    return SqliteMikroORM;
  }
}
