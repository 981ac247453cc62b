import { Schema } from 'effect';
import { publicEventTypes } from '../../core/events/envelope.ts';
import { anyEvent } from '../../core/webhooks/webhook.ts';
import { maxDescriptionLength, maxUrlLength } from '../../core/webhooks/webhook.ops.ts';
import { Text } from './validation.ts';

const Timestamp = Schema.String.annotate({ format: 'date-time', description: 'ISO-8601 UTC with milliseconds' });
const Id = Schema.String.annotate({ description: 'Opaque id, sorting in creation order' });
const EventFilter = Schema.Literals([...publicEventTypes, anyEvent]);
const Events = Schema.Array(EventFilter).pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(publicEventTypes.length + 1)));
const Url = Text(1, maxUrlLength).annotate({ description: 'https:// or http://, with a host that resolves to public addresses only' });
const Description = Schema.NullOr(Text(0, maxDescriptionLength));

export const CreateWebhookBody = Schema.Struct({ url: Url, events: Events, description: Schema.optionalKey(Description) });
export const UpdateWebhookBody = Schema.Struct({
  url: Schema.optionalKey(Url),
  events: Schema.optionalKey(Events),
  description: Schema.optionalKey(Description),
  active: Schema.optionalKey(Schema.Boolean),
});
export const DeliveryParams = Schema.Struct({ id: Text(1, 128), delivery_id: Text(1, 128) });

const webhookFields = {
  id: Id,
  url: Schema.String,
  events: Schema.Array(EventFilter),
  description: Schema.NullOr(Schema.String),
  active: Schema.Boolean,
  created_at: Timestamp,
  updated_at: Timestamp,
};

export const WebhookDto = Schema.Struct(webhookFields).annotate({ identifier: 'Webhook' });
export const WebhookWithSecretDto = Schema.Struct({
  ...webhookFields,
  secret: Schema.String.annotate({ description: 'whsec_ + base64 of 32 random bytes; shown only at creation and rotation' }),
}).annotate({ identifier: 'WebhookWithSecret' });

export const DeliveryDto = Schema.Struct({
  id: Id,
  event_id: Schema.String.annotate({ description: 'The envelope id, sent as webhook-id' }),
  type: Schema.Literals(publicEventTypes),
  status: Schema.Literals(['pending', 'delivered', 'failed']),
  attempts: Schema.Int,
  last_status_code: Schema.NullOr(Schema.Int),
  last_error: Schema.NullOr(Schema.String.annotate({ description: 'Why the last attempt failed, with a short excerpt of the answer' })),
  next_attempt_at: Schema.NullOr(Timestamp),
  delivered_at: Schema.NullOr(Timestamp),
  created_at: Timestamp,
}).annotate({ identifier: 'WebhookDelivery' });
