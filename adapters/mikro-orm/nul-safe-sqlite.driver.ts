import type { Configuration, Constructor } from '@mikro-orm/core';
import { AbstractSqlDriver, MikroORM, SqlitePlatform, type BaseSqliteConnection } from '@mikro-orm/sql';
import { SqliteDialect } from 'kysely';
import { cachingStatements, type PreparingDatabase } from './statement-cache.ts';
import { NodeSqliteConnection } from './node-sqlite.connection.ts';

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

/** MikroORM's generic SQLite driver with the NUL-safe platform; the embedded default runs on Node's own `node:sqlite`. */
export class NulSafeSqliteDriver extends AbstractSqlDriver<BaseSqliteConnection, SqlitePlatform> {
  constructor(config: Configuration, connection: Constructor<BaseSqliteConnection> = NodeSqliteConnection) {
    super(config, new NulSafeSqlitePlatform(), connection, ['kysely']);
  }

  override getORMClass(): Constructor<MikroORM> {
    return MikroORM;
  }
}

type SqliteConnectionClass = Constructor<BaseSqliteConnection & { createKyselyDialect(options: Record<string, unknown>): SqliteDialect }>;

/** The same driver on better-sqlite3 (`@mikro-orm/sqlite`, an optional install: it compiles a native addon), statements cached. */
export const betterSqliteDriver = async (): Promise<typeof NulSafeSqliteDriver> => {
  const specifier = '@mikro-orm/sqlite';
  const { SqliteConnection } = (await import(specifier)) as { readonly SqliteConnection: SqliteConnectionClass };
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
  return class BetterSqliteDriver extends NulSafeSqliteDriver {
    constructor(config: Configuration) {
      super(config, CachingSqliteConnection);
    }
  };
};
