import { Result } from 'effect';
import type { ChatPlatformAccount } from '../allocation/chat-platform.port.ts';
import { InvalidInput } from '../shared/errors.ts';
import { isEmailShaped, withoutTrailingSlashes } from '../shared/text.ts';
import { checkOptionalText, checkText, type LengthRule } from '../tickets/text.rules.ts';

/** A tenant's chat platform account and our webhook token. Secrets (secret key, admin password, token): never log or return them. */
export interface PlatformIntegration extends ChatPlatformAccount {
  readonly tenantId: string;
  /** The secret in our webhook URLs; kept when the settings are replaced. */
  readonly webhookToken: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What an admin sends; absent and null mean "not given". */
export interface PlatformSettingsInput {
  readonly appCode?: string | null;
  readonly secretKey?: string | null;
  readonly baseUrl?: string | null;
  readonly adminEmail?: string | null;
  readonly adminPassword?: string | null;
}

/** What may be shown to an admin: no secret but the webhook token (it is theirs to paste into the platform). */
export interface PlatformIntegrationView {
  readonly appCode: string;
  readonly baseUrl: string;
  readonly webhookToken: string;
  /** Where the platform posts "a room needs an agent". */
  readonly roomNeedsAgentUrl: string;
  /** Where the platform posts "a room was resolved". */
  readonly roomResolvedUrl: string;
}

/** The platform's own facts about its settings, from its adapter: lengths, defaults, our webhook paths. */
export interface PlatformSettings {
  /** Lengths of the settings, in code points; also the decode bounds of a request. */
  readonly rules: { readonly [K in keyof PlatformSettingsInput]-?: LengthRule };
  /** The base URL when an admin gives none. */
  readonly defaultBaseUrl: string;
  /** The paths of our webhooks the platform posts to; the URLs carry the token as `?token=`. */
  readonly webhookPaths: { readonly roomNeedsAgent: string; readonly roomResolved: string };
}

const invalid = (path: string, message: string) => Result.fail(new InvalidInput({ path, message }));

const required = (path: string, value: string | null | undefined, rule: LengthRule) =>
  value === null || value === undefined ? invalid(path, 'is required') : checkText(path, value, rule);

/** An http or https URL without credentials, at most `maxLength` long; trailing slashes dropped. */
export const checkHttpUrl = (path: string, value: string, maxLength: number): Result.Result<string, InvalidInput> => {
  if (value.length > maxLength) return invalid(path, `must be at most ${maxLength} characters`);
  const trimmed = withoutTrailingSlashes(value.trim());
  if (!URL.canParse(trimmed)) return invalid(path, 'must be an http or https URL');
  const url = new URL(trimmed);
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === ''
    ? Result.succeed(trimmed)
    : invalid(path, 'must be an http or https URL');
};

const checkAdmin = (input: PlatformSettingsInput, rules: PlatformSettings['rules']): Result.Result<PlatformIntegration['admin'], InvalidInput> =>
  Result.gen(function* () {
    const email = yield* checkOptionalText('admin_email', input.adminEmail, rules.adminEmail);
    const password = yield* checkOptionalText('admin_password', input.adminPassword, rules.adminPassword);
    if (email === null && password === null) return null;
    if (email === null) return yield* invalid('admin_email', 'is required with admin_password');
    if (password === null) return yield* invalid('admin_password', 'is required with admin_email');
    if (!isEmailShaped(email)) return yield* invalid('admin_email', 'must be an email address');
    return { email, password };
  });

/** The tenant's settings after a PUT: replaced as a whole, the webhook token kept (or the new one used). */
export const configureIntegration = (
  existing: PlatformIntegration | null,
  input: PlatformSettingsInput,
  context: { readonly tenantId: string; readonly newToken: string; readonly now: Date; readonly settings: PlatformSettings },
): Result.Result<PlatformIntegration, InvalidInput> =>
  Result.gen(function* () {
    const { rules, defaultBaseUrl } = context.settings;
    const appCode = yield* required('app_code', input.appCode, rules.appCode);
    const secretKey = yield* required('secret_key', input.secretKey, rules.secretKey);
    const rawBaseUrl = yield* checkOptionalText('base_url', input.baseUrl, rules.baseUrl);
    const baseUrl = rawBaseUrl === null ? defaultBaseUrl : yield* checkHttpUrl('base_url', rawBaseUrl, rules.baseUrl.max);
    const admin = yield* checkAdmin(input, rules);
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

/** One of our webhook URLs for the platform: the public base URL, the path, the token. */
export const webhookUrl = (publicBaseUrl: string, path: string, token: string): string =>
  `${withoutTrailingSlashes(publicBaseUrl)}${path}?token=${encodeURIComponent(token)}`;

/** The integration as an admin sees it, with the webhook URLs to paste into the platform. */
export const integrationView = (integration: PlatformIntegration, publicBaseUrl: string, settings: PlatformSettings): PlatformIntegrationView => ({
  appCode: integration.appCode,
  baseUrl: integration.baseUrl,
  webhookToken: integration.webhookToken,
  roomNeedsAgentUrl: webhookUrl(publicBaseUrl, settings.webhookPaths.roomNeedsAgent, integration.webhookToken),
  roomResolvedUrl: webhookUrl(publicBaseUrl, settings.webhookPaths.roomResolved, integration.webhookToken),
});

/** How the chat platform port reaches this tenant's account. */
export const accountOf = (integration: PlatformIntegration): ChatPlatformAccount => ({
  baseUrl: integration.baseUrl,
  appCode: integration.appCode,
  secretKey: integration.secretKey,
  admin: integration.admin,
});
