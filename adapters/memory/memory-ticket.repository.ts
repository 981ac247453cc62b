import { Effect } from 'effect';
import { DuplicateKey, type Stored } from '../../core/shared/errors.ts';
import type { Page, PageRequest } from '../../core/shared/page.ts';
import { isActive, type Ticket, type TicketChannel } from '../../core/tickets/ticket.ts';
import { dueSoonMs, type TicketFilter, type TicketRepository } from '../../core/tickets/ticket.port.ts';
import { breachedTargets, nextDueAt } from '../../core/sla/ticket-sla.ts';
import type { MemoryDatabase } from './memory-database.ts';
import { newestFirst, pageOf } from './memory-page.ts';

const slaMatches = (ticket: Ticket, sla: NonNullable<TicketFilter['sla']>): boolean => {
  if (sla.state === 'breached') return breachedTargets(ticket.sla).length > 0;
  const due = nextDueAt(ticket)?.getTime();
  return due !== undefined && due > sla.now.getTime() && due <= sla.now.getTime() + dueSoonMs;
};

const matches = (ticket: Ticket, filter: TicketFilter): boolean =>
  (filter.sla === undefined || slaMatches(ticket, filter.sla)) &&
  (filter.status === undefined || ticket.status === filter.status) &&
  (filter.priority === undefined || ticket.priority === filter.priority) &&
  (filter.customerId === undefined || ticket.customerId === filter.customerId) &&
  (filter.assignedAgentId === undefined ||
    (filter.assignedAgentId === 'none' ? ticket.assignedAgentId === null : ticket.assignedAgentId === filter.assignedAgentId));

export class MemoryTicketRepository implements TicketRepository {
  readonly #db: MemoryDatabase;

  constructor(db: MemoryDatabase) {
    this.#db = db;
  }

  // Units of work already run one at a time in memory, so `forUpdate` needs no lock of its own.
  get(tenantId: string, id: string, _options?: { readonly forUpdate?: boolean }): Stored<Ticket | null> {
    return Effect.sync(() => {
      const ticket = this.#db.tickets.get(id);
      return ticket !== undefined && ticket.tenantId === tenantId ? ticket : null;
    });
  }

  list(tenantId: string, filter: TicketFilter, page: PageRequest): Stored<Page<Ticket>> {
    return Effect.sync(() => pageOf(this.#newestFirst(tenantId, (t) => matches(t, filter)), page, newestFirst.positionOf, newestFirst.isAfter));
  }

  insert(ticket: Ticket): Stored<void, DuplicateKey> {
    return Effect.suspend(() => {
      if (this.#db.tickets.get(ticket.id) !== undefined) return Effect.fail(new DuplicateKey({ key: 'tickets.id' }));
      if (this.#refTaken(ticket)) return Effect.fail(new DuplicateKey({ key: 'tickets.external_ref' }));
      this.#db.tickets.set(ticket.id, ticket);
      return Effect.void;
    });
  }

  update(ticket: Ticket): Stored<void> {
    return Effect.sync(() => {
      const stored = this.#db.tickets.get(ticket.id);
      if (stored !== undefined && stored.tenantId === ticket.tenantId) this.#db.tickets.set(ticket.id, ticket);
    });
  }

  findActiveForCustomer(tenantId: string, channelId: string, customerId: string): Stored<Ticket | null> {
    return Effect.sync(
      () => this.#newestFirst(tenantId, (t) => t.channelId === channelId && t.customerId === customerId && isActive(t))[0] ?? null,
    );
  }

  slaDue(tenantId: string, now: Date, limit: number): Stored<ReadonlyArray<string>> {
    return Effect.sync(() =>
      [...this.#db.tickets.values()]
        .flatMap((t) => {
          const due = t.tenantId === tenantId ? nextDueAt(t) : null;
          return due !== null && due <= now ? [{ id: t.id, due: due.getTime() }] : [];
        })
        .sort((a, b) => a.due - b.due)
        .slice(0, limit)
        .map((t) => t.id),
    );
  }

  findLatestByExternalRef(tenantId: string, channel: TicketChannel, externalRef: string): Stored<Ticket | null> {
    return Effect.sync(() => this.#newestFirst(tenantId, (t) => t.channel === channel && t.externalRef === externalRef)[0] ?? null);
  }

  #newestFirst(tenantId: string, keep: (ticket: Ticket) => boolean): Ticket[] {
    return [...this.#db.tickets.values()].filter((t) => t.tenantId === tenantId && keep(t)).sort(newestFirst.compare);
  }

  /** The external reference is unique among the active tickets of a channel kind: a room has one active ticket at a time. */
  #refTaken(ticket: Ticket): boolean {
    if (ticket.externalRef === null || !isActive(ticket)) return false;
    for (const other of this.#db.tickets.values()) {
      if (other.tenantId === ticket.tenantId && other.channel === ticket.channel && other.externalRef === ticket.externalRef && isActive(other)) {
        return true;
      }
    }
    return false;
  }
}
