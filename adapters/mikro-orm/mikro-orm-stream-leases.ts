import { Effect } from 'effect';
import type { StreamLease, StreamLeaseRepository } from '../../core/events/stream-access.port.ts';
import type { Stored } from '../../core/shared/errors.ts';
import { sql } from './sql-effect.ts';
import type { SqlSession } from './sql-session.ts';
import { queryRows, runStatement, sqlDate } from './sql-statements.ts';

/** Lease ids per renewal statement. */
const renewBatch = 1000;

/** `stream_leases`: one row per open live-event stream, wherever it is served. */
export class MikroOrmStreamLeaseRepository implements StreamLeaseRepository {
  readonly #session: SqlSession;

  constructor(session: SqlSession) {
    this.#session = session;
  }

  alive(tenantId: string, userId: string, now: Date): Stored<ReadonlyArray<StreamLease>> {
    const statement = 'select `id`, `expires_at` from `stream_leases` where `tenant_id` = ? and `user_id` = ? and `expires_at` >= ?';
    return sql(() => queryRows(this.#session, statement, [tenantId, userId, now])).pipe(
      Effect.map((rows) => rows.map((row) => ({ id: String(row['id']), tenantId, userId, expiresAt: sqlDate(row['expires_at']) }))),
    );
  }

  insert(lease: StreamLease): Stored<void> {
    const statement = 'insert into `stream_leases` (`id`, `tenant_id`, `user_id`, `expires_at`) values (?, ?, ?, ?)';
    return sql(() => runStatement(this.#session, statement, [lease.id, lease.tenantId, lease.userId, lease.expiresAt])).pipe(Effect.asVoid);
  }

  // One statement per batch (a process's streams fit one); mysql2 reports matched rows, so a lease renewed
  // to the expiry it already had still counts.
  renew(ids: ReadonlyArray<string>, expiresAt: Date): Stored<number> {
    const session = this.#session;
    const unique = [...new Set(ids)];
    return sql(async () => {
      let renewed = 0;
      for (let from = 0; from < unique.length; from += renewBatch) {
        const batch = unique.slice(from, from + renewBatch);
        const statement = `update \`stream_leases\` set \`expires_at\` = ? where \`id\` in (${batch.map(() => '?').join(', ')})`;
        renewed += (await runStatement(session, statement, [expiresAt, ...batch])).affectedRows;
      }
      return renewed;
    });
  }

  release(tenantId: string, id: string): Stored<void> {
    return sql(() => runStatement(this.#session, 'delete from `stream_leases` where `tenant_id` = ? and `id` = ?', [tenantId, id])).pipe(Effect.asVoid);
  }

  dropExpired(tenantId: string, userId: string, now: Date): Stored<void> {
    const statement = 'delete from `stream_leases` where `tenant_id` = ? and `user_id` = ? and `expires_at` < ?';
    return sql(() => runStatement(this.#session, statement, [tenantId, userId, now])).pipe(Effect.asVoid);
  }
}
