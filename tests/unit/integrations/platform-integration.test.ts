import { Result } from 'effect';
import { describe, expect, it } from 'vitest';
import { accountOf, configureIntegration, integrationView } from '../../../core/integrations/platform-integration.ts';
import { defaultQiscusBaseUrl, qiscusSettings } from '../../../adapters/qiscus/qiscus-settings.ts';
import { aQiscusIntegration } from '../../support/integration-builders.ts';

const now = new Date('2030-01-01T10:00:00.000Z');
const context = { tenantId: 't1', newToken: 'new-token-0123456789abcdef', now, settings: qiscusSettings };
const failurePath = (result: Result.Result<unknown, { readonly path: string }>) => (Result.isFailure(result) ? result.failure.path : null);

describe('configureIntegration', () => {
  it('requires app_code and secret_key', () => {
    expect(failurePath(configureIntegration(null, { secretKey: 's' }, context))).toBe('app_code');
    expect(failurePath(configureIntegration(null, { appCode: 'a', secretKey: '  ' }, context))).toBe('secret_key');
  });

  it('defaults the base URL and trims its trailing slash, refusing non-http URLs', () => {
    const plain = configureIntegration(null, { appCode: 'a', secretKey: 's' }, context);
    const slashed = configureIntegration(null, { appCode: 'a', secretKey: 's', baseUrl: 'https://omnichannel.qiscus.com/' }, context);
    expect(Result.isSuccess(plain) && plain.success.baseUrl).toBe(defaultQiscusBaseUrl);
    expect(Result.isSuccess(slashed) && slashed.success.baseUrl).toBe('https://omnichannel.qiscus.com');
    expect(failurePath(configureIntegration(null, { appCode: 'a', secretKey: 's', baseUrl: 'ftp://x' }, context))).toBe('base_url');
  });

  it('takes the admin login only as a pair', () => {
    expect(failurePath(configureIntegration(null, { appCode: 'a', secretKey: 's', adminEmail: 'a@b.c' }, context))).toBe('admin_password');
    expect(failurePath(configureIntegration(null, { appCode: 'a', secretKey: 's', adminPassword: 'pw' }, context))).toBe('admin_email');
  });

  it('keeps the webhook token and creation time when the settings are replaced', () => {
    const existing = aQiscusIntegration('t1').build();
    const replaced = configureIntegration(existing, { appCode: 'other', secretKey: 'k2' }, context);
    expect(Result.isSuccess(replaced) && replaced.success).toMatchObject({ appCode: 'other', webhookToken: existing.webhookToken, createdAt: existing.createdAt, updatedAt: now, admin: null });
  });
});

describe('integrationView', () => {
  it('builds the webhook URLs from the public base URL and shows no secret', () => {
    const integration = aQiscusIntegration('t1').withAdmin('boss@example.com', 'hunter22').build();
    const view = integrationView(integration, 'https://sb.example.com/base/', qiscusSettings);
    expect(view.roomNeedsAgentUrl).toBe(`https://sb.example.com/base/api/v1/webhook/agent_allocation?token=${integration.webhookToken}`);
    expect(view.roomResolvedUrl).toBe(`https://sb.example.com/base/api/v1/webhook/mark_as_resolved?token=${integration.webhookToken}`);
    expect(JSON.stringify(view)).not.toContain(integration.secretKey);
    expect(JSON.stringify(view)).not.toContain('hunter22');
    expect(accountOf(integration)).toEqual({ baseUrl: integration.baseUrl, appCode: integration.appCode, secretKey: integration.secretKey, admin: integration.admin });
  });
});
