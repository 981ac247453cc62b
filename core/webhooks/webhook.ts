import type { PublicEventType } from '../events/envelope.ts';

/** Subscribes to every public event type. */
export const anyEvent = '*';
export type WebhookEventFilter = PublicEventType | typeof anyEvent;

/**
 * A tenant's outbound webhook endpoint. `secret` (`whsec_…`) signs deliveries; after a rotation the
 * previous one also signs them until `previousSecretUntil`. `cursor` is the tenant's last event
 * position this endpoint has been given deliveries for.
 */
export interface Webhook {
  readonly id: string;
  readonly tenantId: string;
  readonly url: string;
  readonly events: ReadonlyArray<WebhookEventFilter>;
  readonly description: string | null;
  readonly active: boolean;
  readonly secret: string;
  readonly previousSecret: string | null;
  readonly previousSecretUntil: Date | null;
  readonly cursor: number;
  /** When the endpoint's current run of failed attempts began; null after a success. */
  readonly failingSince: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One event for one endpoint: its envelope as sent (`payload`, JSON text) and how its attempts went. */
export interface WebhookDelivery {
  readonly id: string;
  readonly tenantId: string;
  readonly webhookId: string;
  /** The envelope id: also the `webhook-id` header. */
  readonly eventId: string;
  readonly type: PublicEventType;
  readonly ticketId: string | null;
  readonly sequence: number | null;
  readonly payload: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly nextAttemptAt: Date | null;
  readonly firstAttemptAt: Date | null;
  readonly deliveredAt: Date | null;
  readonly createdAt: Date;
}

/** What an endpoint is shown as: everything but its secrets (shown only at creation and rotation). */
export type WebhookSummary = Omit<Webhook, 'secret' | 'previousSecret' | 'previousSecretUntil' | 'cursor' | 'failingSince'>;
