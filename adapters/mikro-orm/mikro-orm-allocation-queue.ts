import { Effect } from 'effect';
import type { FilterQuery, InferEntity } from '@mikro-orm/core';
import { priorityRank } from '../../core/allocation/allocation.policy.ts';
import type { AllocationQueue, QueuedTicket, QueueLane } from '../../core/allocation/allocation.port.ts';
import type { Stored } from '../../core/shared/errors.ts';
import type { Page, PageRequest } from '../../core/shared/page.ts';
import type { Ticket } from '../../core/tickets/ticket.ts';
import { TicketEntity } from './schema/entities.ts';
import { sql } from './sql-effect.ts';
import { emptyPage, pageFrom } from './sql-page.ts';
import { fresh, type SqlSession } from './sql-session.ts';
import { activeStatuses, toTicket } from './mikro-orm-ticket.repository.ts';
import { ticketOfRaw } from './mikro-orm-ticket.mapper.ts';
import { queryRows } from './sql-statements.ts';

type TicketRow = InferEntity<typeof TicketEntity>;

const queueOrder = [{ priorityRank: 'asc' }, { queuedAt: 'asc' }, { id: 'asc' }] as const;

/** Position in queue order: `rank|queuedAt ms|id`, the memory adapter's form. */
const positionOf = (ticket: Ticket): string => `${priorityRank[ticket.priority]}|${ticket.queuedAt?.getTime() ?? 0}|${ticket.id}`;

const parse = (position: string): { rank: number; at: Date; id: string } | null => {
  const [rank = '', ms = '', id] = position.split('|');
  const at = new Date(Number(ms));
  return id === undefined || rank === '' || ms === '' || !Number.isInteger(Number(rank)) || Number.isNaN(at.getTime())
    ? null
    : { rank: Number(rank), at, id };
};

export class MikroOrmAllocationQueue implements AllocationQueue {
  readonly #session: SqlSession;

  constructor(session: SqlSession) {
    this.#session = session;
  }

  list(tenantId: string, page: PageRequest): Stored<Page<QueuedTicket>> {
    const { em } = this.#session;
    const waiting = this.#waiting(tenantId);
    const cursor = page.after === null ? null : parse(page.after);
    if (page.after !== null && cursor === null) return Effect.succeed(emptyPage);
    return Effect.gen(function* () {
      const after: FilterQuery<TicketRow> = cursor
        ? {
            $or: [
              { priorityRank: { $gt: cursor.rank } },
              { priorityRank: cursor.rank, queuedAt: { $gt: cursor.at } },
              { priorityRank: cursor.rank, queuedAt: cursor.at, id: { $gt: cursor.id } },
            ],
          }
        : {};
      const before = cursor ? yield* sql(() => em.count(TicketEntity, { $and: [waiting, { $not: after }] })) : 0;
      const rows = yield* sql(() => em.find(TicketEntity, { $and: [waiting, after] }, { ...fresh, orderBy: [...queueOrder], limit: page.limit + 1 }));
      const tickets = pageFrom(rows.map(toTicket), page, positionOf);
      return { items: tickets.items.map((ticket, index) => ({ ticket, position: before + index + 1 })), next: tickets.next };
    });
  }

  // Hot (every allocation drain): hand-written, on `tickets_queue_index`.
  head(tenantId: string, limit: number, lane: QueueLane): Stored<ReadonlyArray<Ticket>> {
    const statement =
      "select * from `tickets` where `tenant_id` = ? and `queued_at` is not null and `assigned_agent_id` is null and `status` in ('open', 'in_progress') " +
      `and \`channel\` ${lane === 'platform' ? '=' : '!='} 'qiscus' order by \`priority_rank\`, \`queued_at\`, \`id\` limit ?`;
    return sql(() => queryRows(this.#session, statement, [tenantId, limit])).pipe(Effect.map((rows) => rows.map(ticketOfRaw)));
  }

  #waiting(tenantId: string): FilterQuery<TicketRow> {
    return { tenantId, queuedAt: { $ne: null }, assignedAgentId: null, status: { $in: [...activeStatuses] } };
  }
}
