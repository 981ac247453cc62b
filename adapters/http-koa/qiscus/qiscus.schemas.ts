import { Schema } from 'effect';
import type { PlatformSettings } from '../../../core/integrations/platform-integration.ts';
import { Text } from '../validation.ts';

// Bounded at decode; the use case checks required fields, blanks and shapes (422).
const OptionalText = (max: number) => Schema.optionalKey(Schema.NullOr(Text(0, max)));

/** `PUT /api/integrations/qiscus`, bounded by the platform's setting rules. */
export const qiscusSettingsBody = (rules: PlatformSettings['rules']) =>
  Schema.Struct({
    app_code: OptionalText(rules.appCode.max),
    secret_key: OptionalText(rules.secretKey.max),
    base_url: OptionalText(rules.baseUrl.max),
    admin_email: OptionalText(rules.adminEmail.max),
    admin_password: OptionalText(rules.adminPassword.max),
  });

/** `POST /api/v1/settings/set_mark_as_resolved`; a URL as long as a base URL may be. */
export const setMarkAsResolvedBody = (rules: PlatformSettings['rules']) =>
  Schema.Struct({
    url: OptionalText(rules.baseUrl.max),
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
