import { defineEntity, p } from '@mikro-orm/core';

/** Outbound webhook endpoints; `secret_sealed` and `previous_secret_sealed` hold `SecretCipher` output, never plaintext. */
export const WebhookEntity = defineEntity({
  name: 'WebhookRow',
  tableName: 'webhooks',
  properties: {
    id: p.string().length(64).primary(),
    tenantId: p.string().length(64),
    url: p.string().length(2048),
    events: p.json<string[]>(),
    description: p.string().length(2000).nullable(),
    active: p.boolean(),
    secretSealed: p.string().length(255),
    previousSecretSealed: p.string().length(255).nullable(),
    previousSecretUntil: p.datetime(3).nullable(),
    eventCursor: p.bigint('number'),
    failingSince: p.datetime(3).nullable(),
    createdAt: p.datetime(3),
    updatedAt: p.datetime(3),
  },
  indexes: [{ name: 'webhooks_tenant_index', properties: ['tenantId', 'active', 'id'] }],
});

/** One event for one endpoint; `(webhook_id, event_id)` is unique, so a repeated fan-out adds nothing. */
export const WebhookDeliveryEntity = defineEntity({
  name: 'WebhookDeliveryRow',
  tableName: 'webhook_deliveries',
  properties: {
    id: p.string().length(64).primary(),
    tenantId: p.string().length(64),
    webhookId: p.string().length(64),
    eventId: p.string().length(128),
    type: p.string().length(64),
    ticketId: p.string().length(64).nullable(),
    sequence: p.integer().nullable(),
    payload: p.text().columnType('mediumtext'),
    status: p.string().length(16),
    attempts: p.integer(),
    lastStatusCode: p.integer().nullable(),
    lastError: p.string().length(1000).nullable(),
    nextAttemptAt: p.datetime(3).nullable(),
    firstAttemptAt: p.datetime(3).nullable(),
    deliveredAt: p.datetime(3).nullable(),
    createdAt: p.datetime(3),
    leaseToken: p.string().length(64).nullable(),
    leasedUntil: p.datetime(3).nullable(),
  },
  uniques: [{ name: 'webhook_deliveries_event_unique', properties: ['webhookId', 'eventId'] }],
  indexes: [
    { name: 'webhook_deliveries_due_index', properties: ['status', 'nextAttemptAt'] },
    { name: 'webhook_deliveries_ticket_index', properties: ['webhookId', 'ticketId', 'status', 'sequence'] },
    { name: 'webhook_deliveries_list_index', properties: ['tenantId', 'webhookId', 'createdAt', 'id'] },
    { name: 'webhook_deliveries_lease_index', properties: ['leaseToken'] },
    { name: 'webhook_deliveries_prune_index', properties: ['status', 'createdAt'] },
  ],
});
