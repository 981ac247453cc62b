import type { Webhook, WebhookDelivery, WebhookSummary } from '../../core/webhooks/webhook.ts';
import { isoString } from './iso-date.ts';
import type { DeliveryDto, WebhookDto, WebhookWithSecretDto } from './webhooks.schemas.ts';

const isoOrNull = (d: Date | null): string | null => (d === null ? null : isoString(d));

export const webhookJson = (w: WebhookSummary): typeof WebhookDto.Type => ({
  id: w.id,
  url: w.url,
  events: w.events,
  description: w.description,
  active: w.active,
  created_at: isoString(w.createdAt),
  updated_at: isoString(w.updatedAt),
});

export const webhookWithSecretJson = (w: Webhook): typeof WebhookWithSecretDto.Type => ({ ...webhookJson(w), secret: w.secret });

export const deliveryJson = (d: WebhookDelivery): typeof DeliveryDto.Type => ({
  id: d.id,
  event_id: d.eventId,
  type: d.type,
  status: d.status,
  attempts: d.attempts,
  last_status_code: d.lastStatusCode,
  last_error: d.lastError,
  next_attempt_at: d.status === 'pending' ? isoOrNull(d.nextAttemptAt) : null,
  delivered_at: isoOrNull(d.deliveredAt),
  created_at: isoString(d.createdAt),
});
