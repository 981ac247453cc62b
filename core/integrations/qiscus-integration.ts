import { Result } from 'effect';
import type { ChatPlatformAccount } from '../allocation/chat-platform.port.ts';
import { InvalidInput } from '../shared/errors.ts';
import { isEmailShaped, withoutTrailingSlashes } from '../shared/text.ts';
import { checkOptionalText, checkText } from '../tickets/text.rules.ts';

export const defaultQiscusBaseUrl = 'https://multichannel.qiscus.com';

/** A tenant's Qiscus Multichannel app. Secrets (secret key, admin password, token): never log or return them. */
export interface QiscusIntegration {
  readonly tenantId: string;
  readonly appCode: string;
  readonly baseUrl: string;
  readonly secretKey: string;
  readonly admin: { readonly email: string; readonly password: string } | null;
  /** The secret in our webhook URLs; kept when the settings are replaced. */
  readonly webhookToken: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What an admin sends; absent and null mean "not given". */
export interface QiscusSettingsInput {
  readonly appCode?: string | null;
  readonly secretKey?: string | null;
  readonly baseUrl?: string | null;
  readonly adminEmail?: string | null;
  readonly adminPassword?: string | null;
}

/** What may be shown to an admin: no secret but the webhook token (it is theirs to paste into Qiscus). */
export interface QiscusIntegrationView {
  readonly appCode: string;
  readonly baseUrl: string;
  readonly webhookToken: string;
  readonly agentAllocationUrl: string;
  readonly markAsResolvedUrl: string;
}

export const maxBaseUrlLength = 2000;

/** Lengths of the settings, in code points; also the decode bounds of the HTTP body. */
export const qiscusSettingRules = {
  appCode: { min: 1, max: 255, notBlank: true },
  secretKey: { min: 1, max: 1000, notBlank: true },
  baseUrl: { min: 1, max: maxBaseUrlLength, notBlank: true },
  adminEmail: { min: 3, max: 254, notBlank: true },
  adminPassword: { min: 1, max: 1000 },
} as const;

const invalid = (path: string, message: string) => Result.fail(new InvalidInput({ path, message }));

const required = (path: string, value: string | null | undefined, rule: (typeof qiscusSettingRules)[keyof typeof qiscusSettingRules]) =>
  value === null || value === undefined ? invalid(path, 'is required') : checkText(path, value, rule);

export const checkBaseUrl = (path: string, value: string): Result.Result<string, InvalidInput> => {
  if (value.length > maxBaseUrlLength) return invalid(path, `must be at most ${maxBaseUrlLength} characters`);
  const trimmed = withoutTrailingSlashes(value.trim());
  if (!URL.canParse(trimmed)) return invalid(path, 'must be an http or https URL');
  const url = new URL(trimmed);
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === ''
    ? Result.succeed(trimmed)
    : invalid(path, 'must be an http or https URL');
};

const checkAdmin = (input: QiscusSettingsInput): Result.Result<QiscusIntegration['admin'], InvalidInput> =>
  Result.gen(function* () {
    const email = yield* checkOptionalText('admin_email', input.adminEmail, qiscusSettingRules.adminEmail);
    const password = yield* checkOptionalText('admin_password', input.adminPassword, qiscusSettingRules.adminPassword);
    if (email === null && password === null) return null;
    if (email === null) return yield* invalid('admin_email', 'is required with admin_password');
    if (password === null) return yield* invalid('admin_password', 'is required with admin_email');
    if (!isEmailShaped(email)) return yield* invalid('admin_email', 'must be an email address');
    return { email, password };
  });

/** The tenant's settings after a PUT: replaced as a whole, the webhook token kept (or the new one used). */
export const configureIntegration = (
  existing: QiscusIntegration | null,
  input: QiscusSettingsInput,
  context: { readonly tenantId: string; readonly newToken: string; readonly now: Date },
): Result.Result<QiscusIntegration, InvalidInput> =>
  Result.gen(function* () {
    const appCode = yield* required('app_code', input.appCode, qiscusSettingRules.appCode);
    const secretKey = yield* required('secret_key', input.secretKey, qiscusSettingRules.secretKey);
    const rawBaseUrl = yield* checkOptionalText('base_url', input.baseUrl, qiscusSettingRules.baseUrl);
    const baseUrl = rawBaseUrl === null ? defaultQiscusBaseUrl : yield* checkBaseUrl('base_url', rawBaseUrl);
    const admin = yield* checkAdmin(input);
    return {
      tenantId: context.tenantId,
      appCode,
      baseUrl,
      secretKey,
      admin,
      webhookToken: existing?.webhookToken ?? context.newToken,
      createdAt: existing?.createdAt ?? context.now,
      updatedAt: context.now,
    };
  });

const webhookUrl = (publicBaseUrl: string, path: string, token: string): string =>
  `${withoutTrailingSlashes(publicBaseUrl)}${path}?token=${encodeURIComponent(token)}`;

export const agentAllocationUrl = (publicBaseUrl: string, token: string): string =>
  webhookUrl(publicBaseUrl, '/api/v1/webhook/agent_allocation', token);

export const markAsResolvedUrl = (publicBaseUrl: string, token: string): string =>
  webhookUrl(publicBaseUrl, '/api/v1/webhook/mark_as_resolved', token);

export const integrationView = (integration: QiscusIntegration, publicBaseUrl: string): QiscusIntegrationView => ({
  appCode: integration.appCode,
  baseUrl: integration.baseUrl,
  webhookToken: integration.webhookToken,
  agentAllocationUrl: agentAllocationUrl(publicBaseUrl, integration.webhookToken),
  markAsResolvedUrl: markAsResolvedUrl(publicBaseUrl, integration.webhookToken),
});

/** How the chat platform port reaches this tenant's app. */
export const accountOf = (integration: QiscusIntegration): ChatPlatformAccount => ({
  baseUrl: integration.baseUrl,
  appCode: integration.appCode,
  secretKey: integration.secretKey,
  admin: integration.admin,
});
