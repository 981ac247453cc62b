import { Effect } from 'effect';
import type { MemoryDatabase, MemoryOutboxRow } from './memory-database.ts';
import type { OutboxEntry, OutboxFeed } from '../../core/shared/outbox.port.ts';
import type { Stored } from '../../core/shared/errors.ts';

const claimable = (row: MemoryOutboxRow, now: Date): boolean =>
  row.publishedAt === null && (row.leasedUntil == null || row.leasedUntil.getTime() <= now.getTime());

/** The relay's side of the memory outbox: leases rows by setting `leasedUntil` under the database lock. */
export class MemoryOutboxFeed implements OutboxFeed {
  readonly #db: MemoryDatabase;

  constructor(db: MemoryDatabase) {
    this.#db = db;
  }

  claim(limit: number, now: Date, leaseSeconds: number): Stored<ReadonlyArray<OutboxEntry>> {
    return this.#db.atomically(
      Effect.sync(() => {
        const rows = [...this.#db.outbox.values()]
          .filter((row) => claimable(row, now))
          .sort((a, b) => a.sequence - b.sequence)
          .slice(0, Math.max(0, limit));
        const until = new Date(now.getTime() + leaseSeconds * 1000);
        for (const row of rows) row.leasedUntil = until;
        return rows.map((row) => ({ sequence: row.sequence, event: row.event }));
      }),
    );
  }

  /** Marks the entries published. */
  markPublished(sequences: ReadonlyArray<number>, at: Date): Stored<void> {
    return this.#db.atomically(
      Effect.sync(() => {
        const wanted = new Set(sequences);
        for (const row of this.#db.outbox.values()) {
          if (wanted.has(row.sequence) && row.publishedAt === null) row.publishedAt = at;
        }
      }),
    );
  }
}
