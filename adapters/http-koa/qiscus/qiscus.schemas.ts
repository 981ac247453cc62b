import { Schema } from 'effect';

const OptionalText = Schema.optionalKey(Schema.NullOr(Schema.String));

/** `PUT /api/integrations/qiscus`; required fields and lengths are checked by the use case (422). */
export const QiscusSettingsBody = Schema.Struct({
  app_code: OptionalText,
  secret_key: OptionalText,
  base_url: OptionalText,
  admin_email: OptionalText,
  admin_password: OptionalText,
});

export const SetMarkAsResolvedBody = Schema.Struct({
  url: Schema.optionalKey(Schema.NullOr(Schema.String)),
  enabled: Schema.optionalKey(Schema.NullOr(Schema.Boolean)),
});

export const QiscusIntegrationDto = Schema.Struct({
  app_code: Schema.String,
  base_url: Schema.String,
  webhook_token: Schema.String,
  agent_allocation_url: Schema.String,
  mark_as_resolved_url: Schema.String,
});

export const ResolveWebhookDto = Schema.Struct({ url: Schema.String, enabled: Schema.Boolean });

export const WebhookAckDto = Schema.Struct({ status: Schema.Literal('accepted') });
