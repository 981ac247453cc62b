import { defineEntity, p } from '@mikro-orm/core';

export const CustomerEntity = defineEntity({
  name: 'CustomerRow',
  tableName: 'customers',
  properties: {
    id: p.string().length(64).primary(),
    tenantId: p.string().length(64),
    name: p.string().length(255),
    email: p.string().length(320).nullable(),
    phone: p.string().length(64).nullable(),
    externalId: p.string().length(255).nullable(),
    createdAt: p.datetime(3),
    updatedAt: p.datetime(3),
  },
  uniques: [{ name: 'customers_external_id_unique', properties: ['tenantId', 'externalId'] }],
  indexes: [{ name: 'customers_newest_index', properties: ['tenantId', 'createdAt', 'id'] }],
});

export const TicketEntity = defineEntity({
  name: 'TicketRow',
  tableName: 'tickets',
  properties: {
    id: p.string().length(64).primary(),
    tenantId: p.string().length(64),
    title: p.string().length(255),
    description: p.text().nullable(),
    status: p.string().length(16),
    priority: p.string().length(8),
    /** 0 high, 1 medium, 2 low: the queue orders by it. */
    priorityRank: p.tinyint(),
    assignedAgentId: p.string().length(64).nullable(),
    customerId: () => p.manyToOne(CustomerEntity).mapToPk().fieldName('customer_id'),
    channel: p.string().length(16),
    channelId: p.string().length(64).nullable(),
    externalRef: p.string().length(191).nullable(),
    /** `externalRef` while the ticket is active, else NULL: a room has one active ticket at a time. */
    activeExternalRef: p.string().length(191).nullable(),
    queuedAt: p.datetime(3).nullable(),
    createdAt: p.datetime(3),
    updatedAt: p.datetime(3),
    /** JSON: the targets and business hours fixed at creation; NULL when the priority had no target. */
    slaPolicy: p.text().nullable(),
    slaFirstResponseDueAt: p.datetime(3).nullable(),
    slaResolutionDueAt: p.datetime(3).nullable(),
    slaFirstResponseBreachedAt: p.datetime(3).nullable(),
    slaResolutionBreachedAt: p.datetime(3).nullable(),
    /** Any target breached: `?sla=breached`. */
    slaBreached: p.boolean().default(false),
    /** The earliest running due time: the sweep and `?sla=due_soon`. */
    slaNextDueAt: p.datetime(3).nullable(),
    firstRespondedAt: p.datetime(3).nullable(),
    firstResponderId: p.string().length(64).nullable(),
    resolvedAt: p.datetime(3).nullable(),
    assignedAt: p.datetime(3).nullable(),
    firstAssignedAt: p.datetime(3).nullable(),
    waitMs: p.bigint('number').nullable(),
    // Derived at write time (mapper) so the support report reads plain indexed columns.
    /** Created → first staff message (ms), with `firstRespondedAt`. */
    firstResponseMs: p.bigint('number').nullable(),
    /** Created → resolved (ms), with `resolvedAt`. */
    resolutionMs: p.bigint('number').nullable(),
    /** The ticket has an SLA (its priority had a target): the report's `sla.met` + `sla.breached`. */
    slaTargeted: p.boolean().default(false),
  },
  uniques: [{ name: 'tickets_external_ref_unique', properties: ['tenantId', 'channel', 'activeExternalRef'] }],
  indexes: [
    { name: 'tickets_newest_index', properties: ['tenantId', 'createdAt', 'id'] },
    { name: 'tickets_status_index', properties: ['tenantId', 'status', 'createdAt', 'id'] },
    { name: 'tickets_agent_index', properties: ['tenantId', 'assignedAgentId', 'status'] },
    { name: 'tickets_customer_index', properties: ['tenantId', 'customerId'] },
    { name: 'tickets_queue_index', properties: ['tenantId', 'priorityRank', 'queuedAt', 'id'] },
    { name: 'tickets_external_ref_index', properties: ['tenantId', 'channel', 'externalRef', 'createdAt'] },
    { name: 'tickets_sla_breached_index', properties: ['tenantId', 'slaBreached', 'createdAt', 'id'] },
    { name: 'tickets_sla_due_index', properties: ['tenantId', 'slaNextDueAt'] },
    { name: 'tickets_sla_sweep_index', properties: ['slaNextDueAt', 'tenantId'] },
    // The support report (adapters/mikro-orm/support-report.sql.ts) sums `report_days` over the whole days of
    // a period and reads these covering indexes for the rest: its partial days by period (…_index), a
    // percentile's bucket in value order (…_order_index), a responder's median (responder order).
    { name: 'tickets_report_created_index', properties: ['tenantId', 'createdAt', 'slaTargeted', 'slaBreached'] },
    { name: 'tickets_resolved_index', properties: ['tenantId', 'resolvedAt', 'resolutionMs', 'assignedAgentId'] },
    { name: 'tickets_responded_index', properties: ['tenantId', 'firstRespondedAt', 'firstResponseMs', 'firstResponderId'] },
    { name: 'tickets_first_assigned_index', properties: ['tenantId', 'firstAssignedAt', 'waitMs'] },
    { name: 'tickets_assigned_at_index', properties: ['tenantId', 'assignedAt', 'assignedAgentId'] },
    { name: 'tickets_wait_order_index', properties: ['tenantId', 'waitMs', 'firstAssignedAt'] },
    { name: 'tickets_response_order_index', properties: ['tenantId', 'firstResponseMs', 'firstRespondedAt'] },
    { name: 'tickets_resolution_order_index', properties: ['tenantId', 'resolutionMs', 'resolvedAt'] },
    { name: 'tickets_responder_order_index', properties: ['tenantId', 'firstResponderId', 'firstResponseMs', 'firstRespondedAt'] },
  ],
});

export const MessageEntity = defineEntity({
  name: 'MessageRow',
  tableName: 'messages',
  properties: {
    id: p.string().length(64).primary(),
    tenantId: p.string().length(64),
    ticketId: () => p.manyToOne(TicketEntity).mapToPk().fieldName('ticket_id').deleteRule('cascade'),
    senderType: p.string().length(16),
    senderId: p.string().length(64).nullable(),
    message: p.text(),
    sequence: p.integer(),
    createdAt: p.datetime(3),
  },
  uniques: [{ name: 'messages_sequence_unique', properties: ['ticketId', 'sequence'] }],
});
