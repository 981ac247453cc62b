import type { InferEntity } from '@mikro-orm/core';
import { priorityRank } from '../../core/allocation/allocation.policy.ts';
import type { Calendar } from '../../core/sla/business-time.ts';
import type { SlaTargets } from '../../core/sla/sla-policy.ts';
import { breachedTargets, nextDueAt, type TicketSla } from '../../core/sla/ticket-sla.ts';
import { isActive, type Ticket } from '../../core/tickets/ticket.ts';
import { TicketEntity } from './schema/entities.ts';
import { jsonOrNull, sqlDate, sqlDateOrNull, textOrNull, type RawRow } from './sql-statements.ts';

export type TicketRow = InferEntity<typeof TicketEntity>;

interface StoredPolicy {
  readonly targets: SlaTargets;
  readonly businessHours: Calendar;
}

const slaOfRaw = (row: RawRow): TicketSla | null => {
  const policy = jsonOrNull<StoredPolicy>(row['sla_policy']);
  return policy === null
    ? null
    : {
        targets: policy.targets,
        businessHours: policy.businessHours,
        firstResponseDueAt: sqlDateOrNull(row['sla_first_response_due_at']),
        resolutionDueAt: sqlDateOrNull(row['sla_resolution_due_at']),
        firstResponseBreachedAt: sqlDateOrNull(row['sla_first_response_breached_at']),
        resolutionBreachedAt: sqlDateOrNull(row['sla_resolution_breached_at']),
      };
};

const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/** A `select *` row of `tickets` as the driver returns it. */
export const ticketOfRaw = (row: RawRow): Ticket => ({
  id: String(row['id']),
  tenantId: String(row['tenant_id']),
  title: String(row['title']),
  description: textOrNull(row['description']),
  status: row['status'] as Ticket['status'],
  priority: row['priority'] as Ticket['priority'],
  assignedAgentId: textOrNull(row['assigned_agent_id']),
  customerId: String(row['customer_id']),
  channel: row['channel'] as Ticket['channel'],
  channelId: textOrNull(row['channel_id']),
  externalRef: textOrNull(row['external_ref']),
  queuedAt: sqlDateOrNull(row['queued_at']),
  sla: slaOfRaw(row),
  firstRespondedAt: sqlDateOrNull(row['first_responded_at']),
  firstResponderId: textOrNull(row['first_responder_id']),
  resolvedAt: sqlDateOrNull(row['resolved_at']),
  assignedAt: sqlDateOrNull(row['assigned_at']),
  firstAssignedAt: sqlDateOrNull(row['first_assigned_at']),
  waitMs: numberOrNull(row['wait_ms']),
  createdAt: sqlDate(row['created_at']),
  updatedAt: sqlDate(row['updated_at']),
});

/** The column of an entity property: its snake_case name. */
export const columnOf = (property: string): string => property.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const snakeCased = (row: object): RawRow => Object.fromEntries(Object.entries(row).map(([key, value]) => [columnOf(key), value]));

/** An entity row (MikroORM's camelCase properties). */
export const toTicket = (row: TicketRow): Ticket => ticketOfRaw(snakeCased(row));

const msSince = (from: Date, to: Date | null): number | null => (to === null ? null : to.getTime() - from.getTime());

export const toRow = (ticket: Ticket): TicketRow => {
  const { sla, ...rest } = ticket;
  return {
    ...rest,
    priorityRank: priorityRank[ticket.priority],
    activeExternalRef: isActive(ticket) ? ticket.externalRef : null,
    slaPolicy: sla === null ? null : JSON.stringify({ targets: sla.targets, businessHours: sla.businessHours } satisfies StoredPolicy),
    slaFirstResponseDueAt: sla?.firstResponseDueAt ?? null,
    slaResolutionDueAt: sla?.resolutionDueAt ?? null,
    slaFirstResponseBreachedAt: sla?.firstResponseBreachedAt ?? null,
    slaResolutionBreachedAt: sla?.resolutionBreachedAt ?? null,
    slaBreached: breachedTargets(sla).length > 0,
    slaNextDueAt: nextDueAt(ticket),
    firstResponseMs: msSince(ticket.createdAt, ticket.firstRespondedAt),
    resolutionMs: msSince(ticket.createdAt, ticket.resolvedAt),
    slaTargeted: sla !== null,
  };
};
