import { describe, expect, it } from 'vitest';
import { accountOf, failure, fastClient, succeed, useFakeQiscus } from './qiscus-client-world.ts';

const REGISTER = '/api/v1/app/webhook/mark_as_resolved';
const registration = { url: 'https://switchboard.example.com/api/v1/webhook/mark_as_resolved?token=abc', enabled: true };

describe('QiscusChatPlatform admin session', () => {
  const fake = useFakeQiscus();

  it('logs in with the form, then sends the raw token with the app id', async () => {
    await succeed(fastClient().registerResolveWebhook(accountOf(fake()), registration));
    const [login] = fake().callsTo('/api/v1/auth');
    expect(login?.headers.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(login?.body).toEqual({ email: fake().credentials.adminEmail, password: fake().credentials.adminPassword });
    const [call] = fake().callsTo(REGISTER);
    const token = [...fake().state.adminTokens][0];
    expect(call?.headers).toMatchObject({ authorization: token, appId: fake().credentials.appCode });
    expect(call?.headers.contentType).toMatch(/^multipart\/form-data/);
    expect(call?.body).toEqual({ webhook_url: registration.url, is_webhook_enabled: 'true' });
  });

  it('reuses the token across calls', async () => {
    const client = fastClient();
    await succeed(client.registerResolveWebhook(accountOf(fake()), registration));
    const disabled = await succeed(client.registerResolveWebhook(accountOf(fake()), { ...registration, enabled: false }));
    expect(disabled.enabled).toBe(false);
    expect(fake().state.logins).toBe(1);
    expect(fake().callsTo(REGISTER)).toHaveLength(2);
  });

  it('logs in again once when the token is refused', async () => {
    const client = fastClient();
    await succeed(client.registerResolveWebhook(accountOf(fake()), registration));
    fake().revokeAdminTokens();
    await succeed(client.registerResolveWebhook(accountOf(fake()), registration));
    expect(fake().state.logins).toBe(2);
    expect(fake().callsTo(REGISTER).map((call) => call.status)).toEqual([200, 401, 200]);
  });

  it('rejects a wrong admin password without leaking it', async () => {
    const account = accountOf(fake(), { admin: { email: fake().credentials.adminEmail, password: 'wrong-password-x' } });
    const error = await failure(fastClient().registerResolveWebhook(account, registration));
    expect(error).toMatchObject({ _tag: 'ChatPlatformCredentialsRejected', credentials: 'admin' });
    expect(`${String(error)} ${JSON.stringify(error)}`).not.toContain('wrong-password-x');
    expect(fake().callsTo(REGISTER)).toHaveLength(0);
  });

  it('rejects an admin whose fresh token is refused, without looping', async () => {
    const account = accountOf(fake(), { appCode: 'another-app' });
    const error = await failure(fastClient().registerResolveWebhook(account, registration));
    expect(error).toMatchObject({ _tag: 'ChatPlatformCredentialsRejected', credentials: 'admin' });
    expect(fake().state.logins).toBe(1);
    expect(fake().callsTo(REGISTER)).toHaveLength(1);
  });

  it('asks for an admin login when the account has none, without calling Qiscus', async () => {
    const error = await failure(fastClient().registerResolveWebhook(accountOf(fake(), { admin: null }), registration));
    expect(error._tag).toBe('ChatPlatformAdminMissing');
    expect(fake().calls).toHaveLength(0);
  });
});
