import { Effect } from 'effect';
import type { Stored } from '../../core/shared/errors.ts';
import type { DomainEvent } from '../../core/shared/events.ts';
import type { EventOutbox } from '../../core/shared/outbox.port.ts';
import { sql } from './sql-effect.ts';
import type { SqlSession } from './sql-session.ts';
import { runDeferrable } from './sql-statements.ts';

const insertPrefix = 'insert into `outbox` (`id`, `tenant_id`, `type`, `payload`, `occurred_at`, `published_at`, `leased_until`) values ';

/** Rows per INSERT: well under SQLite's 32,766 parameters. */
const rowsPerInsert = 1000;

/**
 * Appends to the `outbox` table; its auto-increment `sequence` follows append order. Nothing reads the
 * result: in a transaction a unit's events are held and inserted together just before COMMIT (on MySQL
 * the insert travels with the COMMIT; a failure fails it).
 */
export class MikroOrmEventOutbox implements EventOutbox {
  readonly #session: SqlSession;
  readonly #pending: DomainEvent[] = [];

  constructor(session: SqlSession) {
    this.#session = session;
  }

  append(events: ReadonlyArray<DomainEvent>): Stored<void> {
    if (events.length === 0) return Effect.void;
    if (this.#pending.length > 0 || this.#session.beforeCommit?.(() => this.#write(this.#pending.splice(0))) === true) {
      this.#pending.push(...events);
      return Effect.void;
    }
    return sql(() => this.#write(events));
  }

  async #write(events: ReadonlyArray<DomainEvent>): Promise<void> {
    for (let i = 0; i < events.length; i += rowsPerInsert) {
      const chunk = events.slice(i, i + rowsPerInsert);
      const statement = insertPrefix + chunk.map(() => '(?, ?, ?, ?, ?, null, null)').join(', ');
      const params = chunk.flatMap((event) => [event.id, event.tenantId, event.type, JSON.stringify(event.payload), event.occurredAt]);
      await runDeferrable(this.#session, statement, params);
    }
  }
}
