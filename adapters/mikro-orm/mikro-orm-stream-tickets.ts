import { Effect } from 'effect';
import type { StreamTicket, StreamTicketRepository } from '../../core/events/stream-access.port.ts';
import type { Stored } from '../../core/shared/errors.ts';
import { sql } from './sql-effect.ts';
import type { SqlSession } from './sql-session.ts';
import { queryRows, runStatement } from './sql-statements.ts';

/** `stream_tickets`: a ticket is spent by deleting its row; only the one statement that deleted it gets its holder. */
export class MikroOrmStreamTicketRepository implements StreamTicketRepository {
  readonly #session: SqlSession;

  constructor(session: SqlSession) {
    this.#session = session;
  }

  insert(ticket: StreamTicket): Stored<void> {
    const statement = 'insert into `stream_tickets` (`token_hash`, `tenant_id`, `user_id`, `expires_at`) values (?, ?, ?, ?)';
    return sql(() => runStatement(this.#session, statement, [ticket.tokenHash, ticket.tenantId, ticket.userId, ticket.expiresAt])).pipe(Effect.asVoid);
  }

  consume(tokenHash: string, now: Date): Stored<{ readonly tenantId: string; readonly userId: string } | null> {
    const session = this.#session;
    return sql(async () => {
      const rows = await queryRows(session, 'select `tenant_id`, `user_id` from `stream_tickets` where `token_hash` = ? and `expires_at` > ?', [tokenHash, now]);
      const row = rows[0];
      if (row === undefined) return null;
      const spent = await runStatement(session, 'delete from `stream_tickets` where `token_hash` = ? and `expires_at` > ?', [tokenHash, now]);
      return spent.affectedRows === 1 ? { tenantId: String(row['tenant_id']), userId: String(row['user_id']) } : null;
    });
  }

  dropExpired(before: Date): Stored<void> {
    return sql(() => runStatement(this.#session, 'delete from `stream_tickets` where `expires_at` < ?', [before])).pipe(Effect.asVoid);
  }
}
