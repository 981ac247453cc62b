import { Effect } from 'effect';
import { compareQueueOrder, isWaiting, priorityRank } from '../../core/allocation/allocation.policy.ts';
import type { AllocationQueue, QueuedTicket, QueueLane } from '../../core/allocation/allocation.port.ts';
import type { Stored } from '../../core/shared/errors.ts';
import type { Page, PageRequest } from '../../core/shared/page.ts';
import type { Ticket } from '../../core/tickets/ticket.ts';
import type { MemoryDatabase } from './memory-database.ts';
import { pageOf } from './memory-page.ts';

const positionOf = (ticket: Ticket): string => `${priorityRank[ticket.priority]}|${ticket.queuedAt?.getTime() ?? 0}|${ticket.id}`;

const isAfter = (ticket: Ticket, position: string): boolean => {
  const [rank = '', ms = '', id = ''] = position.split('|');
  return (
    priorityRank[ticket.priority] > Number(rank) ||
    (priorityRank[ticket.priority] === Number(rank) &&
      ((ticket.queuedAt?.getTime() ?? 0) > Number(ms) || ((ticket.queuedAt?.getTime() ?? 0) === Number(ms) && ticket.id > id)))
  );
};

const laneOf = (ticket: Ticket): QueueLane => (ticket.channel === 'qiscus' ? 'platform' : 'native');

export class MemoryAllocationQueue implements AllocationQueue {
  readonly #db: MemoryDatabase;

  constructor(db: MemoryDatabase) {
    this.#db = db;
  }

  list(tenantId: string, page: PageRequest): Stored<Page<QueuedTicket>> {
    return Effect.sync(() => {
      const waiting = this.#waiting(tenantId);
      const { items, next } = pageOf(waiting, page, positionOf, isAfter);
      const rank = new Map(waiting.map((ticket, index) => [ticket.id, index + 1]));
      return { items: items.map((ticket) => ({ ticket, position: rank.get(ticket.id) ?? 0 })), next };
    });
  }

  head(tenantId: string, limit: number, lane: QueueLane): Stored<ReadonlyArray<Ticket>> {
    return Effect.sync(() => this.#waiting(tenantId).filter((t) => laneOf(t) === lane).slice(0, limit));
  }

  #waiting(tenantId: string): ReadonlyArray<Ticket> {
    return [...this.#db.tickets.values()].filter((t) => t.tenantId === tenantId && isWaiting(t)).sort(compareQueueOrder);
  }
}
