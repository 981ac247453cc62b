import { Effect } from 'effect';
import type { StreamLease, StreamLeaseRepository, StreamTicket, StreamTicketRepository } from '../../core/events/stream-access.port.ts';
import type { MemoryDatabase } from './memory-database.ts';

export class MemoryStreamTicketRepository implements StreamTicketRepository {
  readonly #db: MemoryDatabase;
  constructor(db: MemoryDatabase) {
    this.#db = db;
  }

  insert(ticket: StreamTicket): Effect.Effect<void> {
    return Effect.sync(() => this.#db.streamTickets.set(ticket.tokenHash, ticket));
  }

  consume(tokenHash: string, now: Date): Effect.Effect<{ readonly tenantId: string; readonly userId: string } | null> {
    return Effect.sync(() => {
      const ticket = this.#db.streamTickets.get(tokenHash);
      if (ticket === undefined || ticket.expiresAt <= now) return null;
      this.#db.streamTickets.delete(tokenHash);
      return { tenantId: ticket.tenantId, userId: ticket.userId };
    });
  }

  dropExpired(before: Date): Effect.Effect<void> {
    return Effect.sync(() => {
      for (const t of [...this.#db.streamTickets.values()]) if (t.expiresAt < before) this.#db.streamTickets.delete(t.tokenHash);
    });
  }
}

export class MemoryStreamLeaseRepository implements StreamLeaseRepository {
  readonly #db: MemoryDatabase;
  constructor(db: MemoryDatabase) {
    this.#db = db;
  }

  #of(tenantId: string, userId: string): StreamLease[] {
    return [...this.#db.streamLeases.values()].filter((l) => l.tenantId === tenantId && l.userId === userId);
  }

  alive(tenantId: string, userId: string, now: Date): Effect.Effect<ReadonlyArray<StreamLease>> {
    return Effect.sync(() => this.#of(tenantId, userId).filter((l) => l.expiresAt >= now));
  }

  insert(lease: StreamLease): Effect.Effect<void> {
    return Effect.sync(() => this.#db.streamLeases.set(lease.id, lease));
  }

  renew(ids: ReadonlyArray<string>, expiresAt: Date): Effect.Effect<number> {
    return Effect.sync(() => {
      let renewed = 0;
      for (const id of new Set(ids)) {
        const lease = this.#db.streamLeases.get(id);
        if (lease === undefined) continue;
        this.#db.streamLeases.set(id, { ...lease, expiresAt });
        renewed += 1;
      }
      return renewed;
    });
  }

  release(tenantId: string, id: string): Effect.Effect<void> {
    return Effect.sync(() => {
      if (this.#db.streamLeases.get(id)?.tenantId === tenantId) this.#db.streamLeases.delete(id);
    });
  }

  dropExpired(tenantId: string, userId: string, now: Date): Effect.Effect<void> {
    return Effect.sync(() => {
      for (const l of this.#of(tenantId, userId)) if (l.expiresAt < now) this.#db.streamLeases.delete(l.id);
    });
  }
}
