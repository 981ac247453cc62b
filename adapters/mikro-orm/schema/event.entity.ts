import { defineEntity, p } from '@mikro-orm/core';

/** Public events (envelopes), numbered per tenant in commit order; kept at least 24 hours. */
export const EventEntity = defineEntity({
  name: 'EventRow',
  tableName: 'events',
  properties: {
    tenantId: p.string().length(64).primary(),
    position: p.bigint('number').primary(),
    eventId: p.string().length(64).unique('events_event_id_unique'),
    type: p.string().length(64),
    ticketId: p.string().length(64).nullable(),
    sequence: p.integer().nullable(),
    occurredAt: p.datetime(3),
    data: p.json<Record<string, unknown>>(),
  },
  primaryKeys: ['tenantId', 'position'],
  indexes: [{ name: 'events_occurred_at_index', properties: ['occurredAt'] }],
});

/** Counters of the event log: a tenant's last position (`stream` = '') and each ticket's last sequence (`stream` = ticket id). */
export const EventCounterEntity = defineEntity({
  name: 'EventCounterRow',
  tableName: 'event_counters',
  properties: {
    tenantId: p.string().length(64).primary(),
    stream: p.string().length(64).primary(),
    last: p.bigint('number'),
  },
  primaryKeys: ['tenantId', 'stream'],
});
