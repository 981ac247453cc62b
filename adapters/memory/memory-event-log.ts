import { Effect } from 'effect';
import type { EventRecord, LoggedEvent } from '../../core/events/envelope.ts';
import type { EventLog } from '../../core/events/event-log.port.ts';
import type { Stored } from '../../core/shared/errors.ts';
import { MemoryTable, type MemoryDatabase } from './memory-database.ts';

interface Tables {
  /** Keyed `${tenantId}:${position}`. */
  readonly events: MemoryTable<LoggedEvent>;
  /** The tenant's last position (key `${tenantId}`) and each ticket's last sequence (key `${tenantId}:${ticketId}`). */
  readonly counters: MemoryTable<number>;
}

const tablesOf = new WeakMap<MemoryDatabase, Tables>();

const tables = (db: MemoryDatabase): Tables => {
  let t = tablesOf.get(db);
  if (t === undefined) {
    t = { events: new MemoryTable<LoggedEvent>(db), counters: new MemoryTable<number>(db) };
    tablesOf.set(db, t);
  }
  return t;
};

/** Public events in memory; units of work run one at a time, so counters need no lock. */
export class MemoryEventLog implements EventLog {
  readonly #t: Tables;

  constructor(db: MemoryDatabase) {
    this.#t = tables(db);
  }

  record(records: ReadonlyArray<EventRecord>): Stored<void> {
    return Effect.sync(() => {
      const { events, counters } = this.#t;
      for (const record of records) {
        const position = (counters.get(record.tenantId) ?? 0) + 1;
        counters.set(record.tenantId, position);
        let sequence: number | null = null;
        if (record.ticketId !== null) {
          const key = `${record.tenantId}:${record.ticketId}`;
          sequence = (counters.get(key) ?? 0) + 1;
          counters.set(key, sequence);
        }
        events.set(`${record.tenantId}:${position}`, { ...record, position, sequence });
      }
    });
  }

  after(tenantId: string, position: number, limit: number): Stored<ReadonlyArray<LoggedEvent>> {
    return Effect.sync(() => {
      const last = this.#t.counters.get(tenantId) ?? 0;
      const found: LoggedEvent[] = [];
      for (let p = Math.max(0, Math.floor(position)) + 1; p <= last && found.length < limit; p++) {
        const event = this.#t.events.get(`${tenantId}:${p}`);
        if (event !== undefined) found.push(event);
      }
      return found;
    });
  }

  last(tenantId: string): Stored<number> {
    return Effect.sync(() => this.#t.counters.get(tenantId) ?? 0);
  }

  has(tenantId: string, position: number): Stored<boolean> {
    return Effect.sync(() => this.#t.events.get(`${tenantId}:${position}`) !== undefined);
  }

  byEventId(tenantId: string, eventId: string): Stored<LoggedEvent | null> {
    return Effect.sync(() => {
      for (const event of this.#t.events.values()) if (event.tenantId === tenantId && event.eventId === eventId) return event;
      return null;
    });
  }

  prune(before: Date, limit: number): Stored<number> {
    return Effect.sync(() => {
      const old = [...this.#t.events.values()].filter((e) => e.occurredAt.getTime() < before.getTime()).slice(0, limit);
      for (const event of old) this.#t.events.delete(`${event.tenantId}:${event.position}`);
      return old.length;
    });
  }
}
