import type { MikroORM } from '@mikro-orm/core';
import { MySqlConnection } from '@mikro-orm/mysql';
import type { Kysely } from 'kysely';

/** The pool that `PipelinedTransaction` batches on; the ORM's own pool refuses `a; b`. */
export interface BatchPool {
  readonly client: () => Promise<Kysely<unknown>>;
  close(): Promise<void>;
}

/**
 * A second MySQL/MariaDB pool with the ORM's settings (session variables included) plus
 * `multipleStatements`, the one capability the pipelined transaction needs: BEGIN and COMMIT ride in a
 * batch with statements whose values the driver escapes. Everything outside a transaction runs on the
 * ORM's pool, where a second statement is a syntax error.
 */
export const openBatchPool = (orm: MikroORM): BatchPool => {
  const driverOptions = orm.config.get('driverOptions') as Record<string, unknown>;
  const connection = new MySqlConnection(orm.config, { driverOptions: { ...driverOptions, multipleStatements: true } }, 'write');
  let connected: Promise<void> | null = null;
  return {
    client: async () => {
      connected ??= connection.connect();
      await connected;
      return connection.getClient() as unknown as Kysely<unknown>;
    },
    close: async () => {
      if (connected !== null) await connection.close(true);
    },
  };
};
