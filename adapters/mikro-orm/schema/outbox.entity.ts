import { defineEntity, p } from '@mikro-orm/core';

export const OutboxEntity = defineEntity({
  name: 'OutboxRow',
  tableName: 'outbox',
  properties: {
    sequence: p.bigint('number').primary().autoincrement(),
    id: p.string().length(64).unique('outbox_id_unique'),
    tenantId: p.string().length(64),
    type: p.string().length(64),
    payload: p.json<Record<string, unknown>>(),
    occurredAt: p.datetime(3),
    publishedAt: p.datetime(3).nullable(),
    /** A relay's claim: the row is claimable again once this time has passed. */
    leasedUntil: p.datetime(3).nullable(),
  },
  indexes: [{ name: 'outbox_unpublished_index', properties: ['publishedAt', 'sequence'] }],
});

/** The last load an external platform reported per agent. */
export const ReportedLoadEntity = defineEntity({
  name: 'ReportedLoadRow',
  tableName: 'reported_loads',
  properties: {
    tenantId: p.string().length(64).primary(),
    agentId: p.string().length(64).primary(),
    load: p.integer(),
  },
  primaryKeys: ['tenantId', 'agentId'],
});
