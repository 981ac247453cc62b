import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { BaseSqliteConnection } from '@mikro-orm/sql';
import { SqliteDialect, type DatabaseConnection, type Dialect, type SqliteDatabase } from 'kysely';
import { cachingStatements } from './statement-cache.ts';

const bound = (values: ReadonlyArray<unknown>) => values as ReadonlyArray<SQLInputValue>;

/** A `node:sqlite` database in the better-sqlite3 shape Kysely's SqliteDialect drives. */
const open = (path: string, timeout: number | undefined): SqliteDatabase => {
  const db = new DatabaseSync(path, timeout === undefined ? {} : { timeout });
  return {
    prepare(sql) {
      const statement = db.prepare(sql);
      return {
        // A statement that yields columns is read with `all`, any other runs.
        reader: statement.columns().length > 0,
        all: (values) => statement.all(...bound(values)),
        run: (values) => statement.run(...bound(values)),
        iterate: (values) => statement.iterate(...bound(values)),
      };
    },
    close: () => db.close(),
  };
};

/**
 * SQLite on Node's own `node:sqlite`: no native addon to compile at install. `driverOptions.timeout`
 * is SQLite's busy timeout (ms) while another connection holds the write lock.
 */
export class NodeSqliteConnection extends BaseSqliteConnection {
  override createKyselyDialect(options: Record<string, unknown>): Dialect {
    const path = String(options['dbName'] ?? this.config.get('dbName'));
    const timeout = typeof options['timeout'] === 'number' ? options['timeout'] : undefined;
    const onCreateConnection = (this.options.onCreateConnection ?? this.config.get('onCreateConnection')) as
      | ((connection: DatabaseConnection) => Promise<void>)
      | undefined;
    return new SqliteDialect({
      database: async () => cachingStatements(open(path, timeout)) as SqliteDatabase,
      ...(onCreateConnection === undefined ? {} : { onCreateConnection }),
    });
  }
}
