import type { PublicEventType } from '../../core/events/envelope.ts';
import type { DeliveryStatus, WebhookDelivery } from '../../core/webhooks/webhook.ts';
import type { SqlDialect } from './sql-session.ts';
import { sqlDate, sqlDateOrNull, textOrNull, type RawRow } from './sql-statements.ts';

/** The hand-written statements of `MikroOrmWebhookRepository`; every one but the dispatcher's claim names `tenant_id`. */
export const webhookSql = {
  insert:
    'insert into `webhooks` (`id`, `tenant_id`, `url`, `events`, `description`, `active`, `secret_sealed`, `previous_secret_sealed`, `previous_secret_until`, ' +
    '`event_cursor`, `failing_since`, `created_at`, `updated_at`) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  update:
    'update `webhooks` set `url` = ?, `events` = ?, `description` = ?, `active` = ?, `secret_sealed` = ?, `previous_secret_sealed` = ?, ' +
    '`previous_secret_until` = ?, `event_cursor` = ?, `failing_since` = ?, `updated_at` = ? where `id` = ? and `tenant_id` = ?',
  get: 'select * from `webhooks` where `id` = ? and `tenant_id` = ?',
  list: 'select * from `webhooks` where `tenant_id` = ? and `id` > ? order by `id` limit ?',
  remove: 'delete from `webhooks` where `id` = ? and `tenant_id` = ?',
  removeDeliveries: 'delete from `webhook_deliveries` where `webhook_id` = ? and `tenant_id` = ?',
  health: 'update `webhooks` set `failing_since` = ? where `id` = ? and `tenant_id` = ?',
  disable: 'update `webhooks` set `failing_since` = ?, `active` = ?, `updated_at` = ? where `id` = ? and `tenant_id` = ?',
  behind:
    'select 1 as `found` from `webhooks` w join `event_counters` c on c.`tenant_id` = w.`tenant_id` and c.`stream` = ? ' +
    'where w.`tenant_id` = ? and w.`active` = ? and w.`event_cursor` < c.`last` limit 1',
  tenantsBehind:
    'select distinct w.`tenant_id` from `webhooks` w join `event_counters` c on c.`tenant_id` = w.`tenant_id` and c.`stream` = ? ' +
    'where w.`active` = ? and w.`event_cursor` < c.`last` limit ?',
  lockActive: (dialect: SqlDialect) => 'select * from `webhooks` where `tenant_id` = ? and `active` = ? order by `id`' + (dialect === 'mysql' ? ' for update' : ''),
  advance: (n: number) => `update \`webhooks\` set \`event_cursor\` = ? where \`tenant_id\` = ? and \`event_cursor\` < ? and \`id\` in (${marks(n)})`,
  addDelivery: (dialect: SqlDialect) =>
    (dialect === 'mysql' ? 'insert ignore' : 'insert or ignore') +
    ' into `webhook_deliveries` (`id`, `tenant_id`, `webhook_id`, `event_id`, `type`, `ticket_id`, `sequence`, `payload`, `status`, `attempts`, ' +
    '`last_status_code`, `last_error`, `next_attempt_at`, `first_attempt_at`, `delivered_at`, `created_at`) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  deliveries: 'select * from `webhook_deliveries` where `tenant_id` = ? and `webhook_id` = ?',
  newestFirst: ' order by `created_at` desc, `id` desc limit ?',
  afterPosition: ' and (`created_at` < ? or (`created_at` = ? and `id` < ?))',
  delivery: 'select * from `webhook_deliveries` where `id` = ? and `tenant_id` = ? and `webhook_id` = ?',
  // Across tenants, like the outbox relay: the dispatcher serves every tenant. A delivery waits while an
  // earlier one of its ticket is pending for the same endpoint (leased ones included).
  dueCandidates:
    'select d.`id` from `webhook_deliveries` d join `webhooks` w on w.`id` = d.`webhook_id` and w.`tenant_id` = d.`tenant_id` ' +
    "where d.`status` = 'pending' and d.`next_attempt_at` <= ? and (d.`leased_until` is null or d.`leased_until` <= ?) and w.`active` = ? " +
    "and not exists (select 1 from `webhook_deliveries` e where e.`webhook_id` = d.`webhook_id` and e.`ticket_id` = d.`ticket_id` and e.`status` = 'pending' and e.`sequence` < d.`sequence`) " +
    'order by d.`next_attempt_at`, d.`id` limit ?',
  // Excludes rows leased now, so mysql2's matched-rows count is the rows this caller took.
  lease: (n: number) =>
    "update `webhook_deliveries` set `lease_token` = ?, `leased_until` = ? where `status` = 'pending' and (`leased_until` is null or `leased_until` <= ?) " +
    `and \`id\` in (${marks(n)})`,
  leased: 'select * from `webhook_deliveries` where `lease_token` = ? order by `next_attempt_at`, `id`',
  settle:
    'update `webhook_deliveries` set `status` = ?, `attempts` = ?, `last_status_code` = ?, `last_error` = ?, `next_attempt_at` = ?, `first_attempt_at` = ?, ' +
    '`delivered_at` = ?, `lease_token` = null, `leased_until` = null where `id` = ? and `tenant_id` = ? and `lease_token` = ?',
  reschedule: 'update `webhook_deliveries` set `status` = ?, `next_attempt_at` = ?, `first_attempt_at` = ? where `id` = ? and `tenant_id` = ?',
  failPending:
    "update `webhook_deliveries` set `status` = 'failed', `last_error` = ?, `next_attempt_at` = null, `lease_token` = null, `leased_until` = null " +
    "where `webhook_id` = ? and `tenant_id` = ? and `status` = 'pending'",
};

const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

const intOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export const deliveryParams = (d: WebhookDelivery): unknown[] => [
  d.id, d.tenantId, d.webhookId, d.eventId, d.type, d.ticketId, d.sequence, d.payload, d.status, d.attempts,
  d.lastStatusCode, d.lastError, d.nextAttemptAt, d.firstAttemptAt, d.deliveredAt, d.createdAt,
];

export const toDelivery = (row: RawRow): WebhookDelivery => ({
  id: String(row['id']),
  tenantId: String(row['tenant_id']),
  webhookId: String(row['webhook_id']),
  eventId: String(row['event_id']),
  type: row['type'] as PublicEventType,
  ticketId: textOrNull(row['ticket_id']),
  sequence: intOrNull(row['sequence']),
  payload: String(row['payload']),
  status: row['status'] as DeliveryStatus,
  attempts: Number(row['attempts']),
  lastStatusCode: intOrNull(row['last_status_code']),
  lastError: textOrNull(row['last_error']),
  nextAttemptAt: sqlDateOrNull(row['next_attempt_at']),
  firstAttemptAt: sqlDateOrNull(row['first_attempt_at']),
  deliveredAt: sqlDateOrNull(row['delivered_at']),
  createdAt: sqlDate(row['created_at']),
});
