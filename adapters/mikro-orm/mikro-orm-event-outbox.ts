import { Effect } from 'effect';
import type { Stored } from '../../core/shared/errors.ts';
import type { DomainEvent } from '../../core/shared/events.ts';
import type { EventOutbox } from '../../core/shared/outbox.port.ts';
import { OutboxEntity } from './schema/entities.ts';
import { sql } from './sql-effect.ts';
import type { SqlSession } from './sql-session.ts';

/** Appends to the `outbox` table; its auto-increment `sequence` follows append order. */
export class MikroOrmEventOutbox implements EventOutbox {
  readonly #session: SqlSession;

  constructor(session: SqlSession) {
    this.#session = session;
  }

  append(events: ReadonlyArray<DomainEvent>): Stored<void> {
    if (events.length === 0) return Effect.void;
    const rows = events.map((event) => ({
      id: event.id,
      tenantId: event.tenantId,
      type: event.type,
      payload: event.payload as Record<string, unknown>,
      occurredAt: event.occurredAt,
      publishedAt: null,
      leasedUntil: null,
    }));
    return sql(() => this.#session.em.insertMany(OutboxEntity, rows)).pipe(Effect.asVoid);
  }
}
