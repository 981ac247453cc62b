import { Effect } from 'effect';
import type { FilterQuery } from '@mikro-orm/core';
import type { DuplicateKey, Stored } from '../../core/shared/errors.ts';
import type { Page, PageRequest } from '../../core/shared/page.ts';
import type { Ticket, TicketChannel } from '../../core/tickets/ticket.ts';
import { dueSoonMs, type TicketFilter, type TicketRepository } from '../../core/tickets/ticket.port.ts';
import { columnOf, ticketOfRaw, toRow, toTicket, type TicketRow } from './mikro-orm-ticket.mapper.ts';
import { TicketEntity } from './schema/entities.ts';
import { sql, sqlWrite } from './sql-effect.ts';
import { emptyPage, newestFirstAfter, newestFirstOrder, newestFirstPosition, pageFrom } from './sql-page.ts';
import { firstRow, selectRows } from './sql-rows.ts';
import { rowLock, type SqlSession } from './sql-session.ts';
import { queryRows, runDeferrable } from './sql-statements.ts';
import { dayCountChanges, dayCountsUpsert } from './report-days.ts';

export const activeStatuses = ['open', 'in_progress'] as const;
export { toTicket };

/** The list's statement: equality filters, then the keyset, newest first (indexes `tickets_*_index`). */
const listStatement = (tenantId: string, filter: TicketFilter, after: { readonly at: Date; readonly id: string } | undefined, limit: number) => {
  const where = ['`tenant_id` = ?'];
  const params: unknown[] = [tenantId];
  const equal = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    where.push(`\`${column}\` = ?`);
    params.push(value);
  };
  equal('status', filter.status);
  equal('priority', filter.priority);
  equal('customer_id', filter.customerId);
  if (filter.sla?.state === 'breached') {
    where.push('`sla_breached` = ?');
    params.push(true);
  }
  if (filter.sla?.state === 'due_soon') {
    where.push('`sla_next_due_at` > ? and `sla_next_due_at` <= ?');
    params.push(filter.sla.now, new Date(filter.sla.now.getTime() + dueSoonMs));
  }
  if (filter.assignedAgentId === 'none') where.push('`assigned_agent_id` is null');
  else equal('assigned_agent_id', filter.assignedAgentId);
  if (after !== undefined) {
    where.push('(`created_at` < ? or (`created_at` = ? and `id` < ?))');
    params.push(after.at, after.at, after.id);
  }
  params.push(limit);
  return { sql: `select * from \`tickets\` where ${where.join(' and ')} order by \`created_at\` desc, \`id\` desc limit ?`, params };
};

const sameValue = (a: unknown, b: unknown): boolean => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b);

/** The columns (snake_case, as `select *` names them) whose values differ, with the new values; never the keys or `created_at`. */
const changedColumns = (before: TicketRow, after: TicketRow): Array<readonly [string, unknown]> => {
  const was = before as unknown as Record<string, unknown>;
  return Object.entries(after)
    .filter(([key, value]) => key !== 'id' && key !== 'tenantId' && key !== 'createdAt' && !sameValue(was[key], value))
    .map(([key, value]) => [columnOf(key), value] as const);
};

export class MikroOrmTicketRepository implements TicketRepository {
  readonly #session: SqlSession;
  /** The stored version of each ticket this unit locked or wrote: what `report_days` counts it as now. */
  readonly #stored = new Map<string, Ticket>();

  constructor(session: SqlSession) {
    this.#session = session;
  }

  get(tenantId: string, id: string, options?: { readonly forUpdate?: boolean }): Stored<Ticket | null> {
    const session = this.#session;
    // FOR UPDATE is decided when the statement runs: callers may build this effect before their transaction begins.
    const statement = () =>
      'select * from `tickets` where `tenant_id` = ? and `id` = ? limit 1' + (options?.forUpdate === true && rowLock(session).lockMode ? ' for update' : '');
    return sql(() => queryRows(session, statement(), [tenantId, id])).pipe(
      Effect.map((rows) => {
        const ticket = rows[0] === undefined ? null : ticketOfRaw(rows[0]);
        if (ticket !== null && options?.forUpdate === true) this.#stored.set(ticket.id, ticket);
        return ticket;
      }),
    );
  }

  list(tenantId: string, filter: TicketFilter, page: PageRequest): Stored<Page<Ticket>> {
    const after = newestFirstAfter(page.after);
    if (after === null) return Effect.succeed(emptyPage);
    const { sql: statement, params } = listStatement(tenantId, filter, after, page.limit + 1);
    return sql(() => queryRows(this.#session, statement, params)).pipe(
      Effect.map((rows) => pageFrom(rows.map(ticketOfRaw), page, newestFirstPosition)),
    );
  }

  insert(ticket: Ticket): Stored<void, DuplicateKey> {
    return sqlWrite('tickets.id', () => this.#session.em.insert(TicketEntity, toRow(ticket))).pipe(Effect.andThen(() => this.#counted(null, ticket)));
  }

  update(ticket: Ticket): Stored<void> {
    const { id, tenantId } = ticket;
    const known = this.#stored.get(id);
    // Not locked by this unit yet: read it locked, so the counts move from what is really stored.
    const before = known === undefined ? this.get(tenantId, id, { forUpdate: true }) : Effect.succeed(known);
    return before.pipe(
      Effect.flatMap((stored) => {
        if (stored === null) return Effect.void;
        // Only the columns that differ from the stored row (locked or written by this unit, so still true).
        const changed = changedColumns(toRow(stored), toRow(ticket));
        const write =
          changed.length === 0
            ? Effect.void
            : sql(() => runDeferrable(this.#session, `update \`tickets\` set ${changed.map(([c]) => `\`${c}\` = ?`).join(', ')} where \`tenant_id\` = ? and \`id\` = ?`, [...changed.map(([, v]) => v), tenantId, id]));
        return write.pipe(Effect.andThen(() => this.#counted(stored, ticket)));
      }),
    );
  }

  /** The report's per-day counts follow the write, in the same unit of work (on MySQL the statement travels with COMMIT). */
  #counted(before: Ticket | null, after: Ticket): Stored<void> {
    this.#stored.set(after.id, after);
    const changes = dayCountChanges(before, after);
    if (changes.length === 0) return Effect.void;
    const params = changes.flatMap((c) => [after.tenantId, c.day, c.kind, c.agentId, c.bucket, c.n]);
    return sql(() => runDeferrable(this.#session, dayCountsUpsert(this.#session.dialect, changes.length), params));
  }

  findActiveForCustomer(tenantId: string, channelId: string, customerId: string): Stored<Ticket | null> {
    // Hot (every channel message): hand-written, on `tickets_customer_index`.
    const statement =
      "select * from `tickets` where `tenant_id` = ? and `customer_id` = ? and `channel_id` = ? and `status` in ('open', 'in_progress') order by `created_at` desc, `id` desc limit 1";
    return sql(() => queryRows(this.#session, statement, [tenantId, customerId, channelId])).pipe(
      Effect.map((rows) => (rows[0] === undefined ? null : ticketOfRaw(rows[0]))),
    );
  }

  slaDue(tenantId: string, now: Date, limit: number): Stored<ReadonlyArray<string>> {
    const statement = 'select `id` from `tickets` where `tenant_id` = ? and `sla_next_due_at` <= ? order by `sla_next_due_at` limit ?';
    return sql(() => queryRows(this.#session, statement, [tenantId, now, limit])).pipe(Effect.map((rows) => rows.map((row) => String(row['id']))));
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
