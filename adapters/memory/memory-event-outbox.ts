import { Effect } from 'effect';
import type { Stored } from '../../core/shared/errors.ts';
import type { DomainEvent } from '../../core/shared/events.ts';
import type { EventOutbox } from '../../core/shared/outbox.port.ts';
import type { MemoryDatabase } from './memory-database.ts';

// Like an auto-increment column: shared by every outbox of one database, never reused after a rollback.
const lastSequence = new WeakMap<MemoryDatabase, number>();

/** Appends rows to `db.outbox`, keyed by event id, with a sequence that increases in append order. */
export class MemoryEventOutbox implements EventOutbox {
  readonly #db: MemoryDatabase;

  constructor(db: MemoryDatabase) {
    this.#db = db;
  }

  append(events: ReadonlyArray<DomainEvent>): Stored<void> {
    return Effect.sync(() => {
      let sequence = lastSequence.get(this.#db) ?? this.#highestStored();
      for (const event of events) {
        sequence += 1;
        this.#db.outbox.set(event.id, { sequence, event, publishedAt: null });
      }
      lastSequence.set(this.#db, sequence);
    });
  }

  #highestStored(): number {
    let highest = 0;
    for (const row of this.#db.outbox.values()) highest = Math.max(highest, row.sequence);
    return highest;
  }
}
