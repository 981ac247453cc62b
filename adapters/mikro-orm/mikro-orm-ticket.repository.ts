import { Effect } from 'effect';
import type { FilterQuery, InferEntity } from '@mikro-orm/core';
import { priorityRank } from '../../core/allocation/allocation.policy.ts';
import type { DuplicateKey, Stored } from '../../core/shared/errors.ts';
import type { Page, PageRequest } from '../../core/shared/page.ts';
import { isActive, type Ticket, type TicketChannel } from '../../core/tickets/ticket.ts';
import type { TicketFilter, TicketRepository } from '../../core/tickets/ticket.port.ts';
import { TicketEntity } from './schema/entities.ts';
import { sql, sqlWrite } from './sql-effect.ts';
import { afterNewestFirst, emptyPage, newestFirstOrder, newestFirstPosition, pageFrom } from './sql-page.ts';
import { firstRow, selectRows } from './sql-rows.ts';
import type { SqlSession } from './sql-session.ts';

type TicketRow = InferEntity<typeof TicketEntity>;

export const activeStatuses = ['open', 'in_progress'] as const;

export const toTicket = (row: TicketRow): Ticket => ({
  id: row.id,
  tenantId: row.tenantId,
  title: row.title,
  description: row.description ?? null,
  status: row.status as Ticket['status'],
  priority: row.priority as Ticket['priority'],
  assignedAgentId: row.assignedAgentId ?? null,
  customerId: row.customerId,
  channel: row.channel as Ticket['channel'],
  channelId: row.channelId ?? null,
  externalRef: row.externalRef ?? null,
  queuedAt: row.queuedAt ?? null,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

const toRow = (ticket: Ticket): TicketRow => ({
  ...ticket,
  priorityRank: priorityRank[ticket.priority],
  activeExternalRef: isActive(ticket) ? ticket.externalRef : null,
});

const filterOf = (filter: TicketFilter) => ({
  ...(filter.status === undefined ? {} : { status: filter.status }),
  ...(filter.priority === undefined ? {} : { priority: filter.priority }),
  ...(filter.customerId === undefined ? {} : { customerId: filter.customerId }),
  ...(filter.assignedAgentId === undefined ? {} : { assignedAgentId: filter.assignedAgentId === 'none' ? null : filter.assignedAgentId }),
});

export class MikroOrmTicketRepository implements TicketRepository {
  readonly #session: SqlSession;

  constructor(session: SqlSession) {
    this.#session = session;
  }

  get(tenantId: string, id: string, options?: { readonly forUpdate?: boolean }): Stored<Ticket | null> {
    const forUpdate = options?.forUpdate === true;
    return this.#one(() => firstRow(selectRows(this.#session, TicketEntity, { tenantId, id }, { limit: 1, forUpdate })));
  }

  list(tenantId: string, filter: TicketFilter, page: PageRequest): Stored<Page<Ticket>> {
    const after = afterNewestFirst(page.after);
    if (after === null) return Effect.succeed(emptyPage);
    return sql(() =>
      selectRows(this.#session, TicketEntity, { tenantId, ...filterOf(filter), ...after }, { orderBy: newestFirstOrder, limit: page.limit + 1 }),
    ).pipe(Effect.map((rows) => pageFrom(rows.map(toTicket), page, newestFirstPosition)));
  }

  insert(ticket: Ticket): Stored<void, DuplicateKey> {
    return sqlWrite('tickets.id', () => this.#session.em.insert(TicketEntity, toRow(ticket))).pipe(Effect.asVoid);
  }

  update(ticket: Ticket): Stored<void> {
    const { id, tenantId, createdAt: _, ...changes } = toRow(ticket);
    return sql(() => this.#session.em.nativeUpdate(TicketEntity, { tenantId, id }, changes)).pipe(Effect.asVoid);
  }

  findActiveForCustomer(tenantId: string, channelId: string, customerId: string): Stored<Ticket | null> {
    return this.#newest({ tenantId, channelId, customerId, status: { $in: [...activeStatuses] } });
  }

  findLatestByExternalRef(tenantId: string, channel: TicketChannel, externalRef: string): Stored<Ticket | null> {
    return this.#newest({ tenantId, channel, externalRef });
  }

  #newest(where: FilterQuery<TicketRow>): Stored<Ticket | null> {
    return this.#one(() => firstRow(selectRows(this.#session, TicketEntity, where, { orderBy: newestFirstOrder, limit: 1 })));
  }

  #one(query: () => Promise<TicketRow | null>): Stored<Ticket | null> {
    return sql(query).pipe(Effect.map((row) => (row ? toTicket(row) : null)));
  }
}
