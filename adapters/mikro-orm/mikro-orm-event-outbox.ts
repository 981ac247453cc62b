import { Effect } from 'effect';
import type { Stored } from '../../core/shared/errors.ts';
import type { DomainEvent } from '../../core/shared/events.ts';
import type { EventOutbox } from '../../core/shared/outbox.port.ts';
import { sql } from './sql-effect.ts';
import type { SqlSession } from './sql-session.ts';
import { runDeferrable } from './sql-statements.ts';

const insertPrefix = 'insert into `outbox` (`id`, `tenant_id`, `type`, `payload`, `occurred_at`, `published_at`, `leased_until`) values ';

/**
 * Appends to the `outbox` table; its auto-increment `sequence` follows append order. Nothing reads the
 * result, so in a MySQL transaction the insert travels with the COMMIT (a failure fails the commit).
 */
export class MikroOrmEventOutbox implements EventOutbox {
  readonly #session: SqlSession;

  constructor(session: SqlSession) {
    this.#session = session;
  }

  append(events: ReadonlyArray<DomainEvent>): Stored<void> {
    if (events.length === 0) return Effect.void;
    const statement = insertPrefix + events.map(() => '(?, ?, ?, ?, ?, null, null)').join(', ');
    const params = events.flatMap((event) => [event.id, event.tenantId, event.type, JSON.stringify(event.payload), event.occurredAt]);
    return sql(() => runDeferrable(this.#session, statement, params));
  }
}
