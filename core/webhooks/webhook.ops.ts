import type { LoggedEvent, PublicEventType } from '../events/envelope.ts';
import { toEnvelope } from '../events/envelope.ts';
import { anyEvent, type Webhook, type WebhookDelivery, type WebhookEventFilter, type WebhookSummary } from './webhook.ts';

/** After a rotation the old secret keeps signing (beside the new one) this long. */
export const rotationOverlapMs = 24 * 3600_000;
export const maxUrlLength = 2048;
export const maxDescriptionLength = 500;

/** The filter as stored: `["*"]` when it names every type, else each type once, in the given order. */
export const normalizedEvents = (events: ReadonlyArray<WebhookEventFilter>): ReadonlyArray<WebhookEventFilter> =>
  events.includes(anyEvent) ? [anyEvent] : [...new Set(events)];

export const subscribesTo = (webhook: Pick<Webhook, 'events'>, type: PublicEventType): boolean =>
  webhook.events.includes(anyEvent) || webhook.events.includes(type);

export interface NewWebhook {
  readonly id: string;
  readonly tenantId: string;
  readonly url: string;
  readonly events: ReadonlyArray<WebhookEventFilter>;
  readonly description: string | null;
  readonly secret: string;
  /** The tenant's last event position: the endpoint gets the events after it. */
  readonly cursor: number;
  readonly now: Date;
}

export const createWebhook = (n: NewWebhook): Webhook => ({
  id: n.id,
  tenantId: n.tenantId,
  url: n.url,
  events: normalizedEvents(n.events),
  description: n.description,
  active: true,
  secret: n.secret,
  previousSecret: null,
  previousSecretUntil: null,
  cursor: n.cursor,
  failingSince: null,
  createdAt: n.now,
  updatedAt: n.now,
});

export interface WebhookChanges {
  readonly url?: string;
  readonly events?: ReadonlyArray<WebhookEventFilter>;
  readonly description?: string | null;
  readonly active?: boolean;
}

/** The endpoint after a PATCH. Reactivated, it starts again from `lastPosition`: events of its inactive time are not kept for it. */
export const changeWebhook = (webhook: Webhook, changes: WebhookChanges, lastPosition: number, now: Date): Webhook => {
  const reactivated = changes.active === true && !webhook.active;
  return {
    ...webhook,
    ...(changes.url === undefined ? {} : { url: changes.url }),
    ...(changes.events === undefined ? {} : { events: normalizedEvents(changes.events) }),
    ...(changes.description === undefined ? {} : { description: changes.description }),
    ...(changes.active === undefined ? {} : { active: changes.active }),
    ...(reactivated ? { cursor: Math.max(webhook.cursor, lastPosition), failingSince: null } : {}),
    updatedAt: now,
  };
};

/** A new secret; the current one keeps signing beside it for 24 hours. */
export const rotateSecret = (webhook: Webhook, secret: string, now: Date): Webhook => ({
  ...webhook,
  secret,
  previousSecret: webhook.secret,
  previousSecretUntil: new Date(now.getTime() + rotationOverlapMs),
  updatedAt: now,
});

/** The secrets that sign a delivery at `now`: the current one, and the previous one during a rotation. */
export const signingSecrets = (webhook: Webhook, now: Date): ReadonlyArray<string> =>
  webhook.previousSecret !== null && webhook.previousSecretUntil !== null && now.getTime() < webhook.previousSecretUntil.getTime()
    ? [webhook.secret, webhook.previousSecret]
    : [webhook.secret];

export const summaryOf = (w: Webhook): WebhookSummary => ({
  id: w.id,
  tenantId: w.tenantId,
  url: w.url,
  events: w.events,
  description: w.description,
  active: w.active,
  createdAt: w.createdAt,
  updatedAt: w.updatedAt,
});

/** A new pending delivery of a logged event to an endpoint, due at once. */
export const deliveryOf = (webhook: Webhook, event: LoggedEvent, id: string, now: Date): WebhookDelivery => {
  const envelope = toEnvelope(event);
  return {
    id,
    tenantId: webhook.tenantId,
    webhookId: webhook.id,
    eventId: envelope.id,
    type: envelope.type,
    ticketId: event.ticketId,
    sequence: event.sequence,
    payload: JSON.stringify(envelope),
    status: 'pending',
    attempts: 0,
    lastStatusCode: null,
    lastError: null,
    nextAttemptAt: now,
    firstAttemptAt: null,
    deliveredAt: null,
    createdAt: now,
  };
};
