import { Effect } from 'effect';
import { LockMode } from '@mikro-orm/sql';
import type { InferEntity } from '@mikro-orm/core';
import type { Stored } from '../../core/shared/errors.ts';
import type { DomainEvent } from '../../core/shared/events.ts';
import type { OutboxEntry, OutboxFeed } from '../../core/shared/outbox.port.ts';
import { OutboxEntity } from './schema/entities.ts';
import { sql } from './sql-effect.ts';
import { fresh, type SqlSession } from './sql-session.ts';

type OutboxRow = InferEntity<typeof OutboxEntity>;

const toEntry = (row: OutboxRow): OutboxEntry => ({
  sequence: Number(row.sequence),
  event: { id: row.id, type: row.type, tenantId: row.tenantId, occurredAt: row.occurredAt, payload: row.payload } as DomainEvent,
});

/** Runs a statement in its own session; `claim` needs a transaction of its own, outside any unit of work. */
export type SessionRunner = <A>(mode: 'transaction' | 'read', work: (session: SqlSession) => Stored<A>) => Stored<A>;

/**
 * The relay's side of the outbox table. `claim` leases rows with `leased_until`; on MySQL it reads them
 * with `FOR UPDATE SKIP LOCKED`, so concurrent relays get disjoint rows without waiting on each other.
 */
export class MikroOrmOutboxFeed implements OutboxFeed {
  readonly #run: SessionRunner;

  constructor(run: SessionRunner) {
    this.#run = run;
  }

  claim(limit: number, now: Date, leaseSeconds: number): Stored<ReadonlyArray<OutboxEntry>> {
    if (limit <= 0) return Effect.succeed([]);
    return this.#run('transaction', ({ em, dialect }) =>
      Effect.gen(function* () {
        const rows = yield* sql(() =>
          em.find(
            OutboxEntity,
            { publishedAt: null, $or: [{ leasedUntil: null }, { leasedUntil: { $lte: now } }] },
            { ...fresh, orderBy: { sequence: 'asc' }, limit, ...(dialect === 'mysql' ? { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE } : {}) },
          ),
        );
        if (rows.length === 0) return [];
        const until = new Date(now.getTime() + leaseSeconds * 1000);
        yield* sql(() => em.nativeUpdate(OutboxEntity, { sequence: { $in: rows.map((r) => r.sequence) } }, { leasedUntil: until }));
        return rows.map(toEntry);
      }),
    );
  }

  /** Marks the entries published. */
  markPublished(sequences: ReadonlyArray<number>, at: Date): Stored<void> {
    if (sequences.length === 0) return Effect.void;
    return this.#run('transaction', ({ em }) =>
      sql(() => em.nativeUpdate(OutboxEntity, { sequence: { $in: [...sequences] }, publishedAt: null }, { publishedAt: at })).pipe(Effect.asVoid),
    );
  }
}
