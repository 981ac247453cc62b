import type { Configuration, Constructor } from '@mikro-orm/core';
import { AbstractSqlDriver, SqlitePlatform } from '@mikro-orm/sql';
import { MikroORM as SqliteMikroORM, SqliteConnection } from '@mikro-orm/sqlite';

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

/** `@mikro-orm/sqlite`'s driver (better-sqlite3) on the NUL-safe platform. */
export class NulSafeSqliteDriver extends AbstractSqlDriver<SqliteConnection, SqlitePlatform> {
  constructor(config: Configuration) {
    super(config, new NulSafeSqlitePlatform(), SqliteConnection, ['kysely', 'better-sqlite3']);
  }

  override getORMClass(): Constructor<SqliteMikroORM> {
    return SqliteMikroORM;
  }
}
