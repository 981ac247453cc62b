import { describe, expect, it } from 'vitest';
import { failureOf, run, useIntegrationsWorld } from './integrations-world.ts';

describe('AuthenticateQiscusWebhookUseCase', () => {
  const world = useIntegrationsWorld();
  const authenticate = (token: string | undefined, payload: unknown) => world().useCases.authenticateQiscusWebhook.execute({ token, payload });

  it("finds the token's integration when the payload claims its app code", async () => {
    const w = world();
    const { webhookToken } = await w.configure();
    const integration = await run(authenticate(webhookToken, w.caa('101')));
    expect(integration.tenantId).toBe(w.tenant.id);
  });

  it('fails with WebhookUnauthenticated for a missing or unknown token', async () => {
    const w = world();
    const { webhookToken } = await w.configure();
    expect(await failureOf(authenticate(undefined, w.caa('101')))).toMatchObject({ _tag: 'WebhookUnauthenticated' });
    expect(await failureOf(authenticate(`${webhookToken.slice(0, -1)}x`, w.caa('101')))).toMatchObject({ _tag: 'WebhookUnauthenticated' });
  });

  it('fails with WebhookUnauthenticated when app_id or app_code is another app, or neither is there', async () => {
    const w = world();
    const { webhookToken } = await w.configure();
    const payload = w.caa('101');
    expect(await failureOf(authenticate(webhookToken, { ...payload, app_code: 'someone-else' }))).toMatchObject({ _tag: 'WebhookUnauthenticated' });
    expect(await failureOf(authenticate(webhookToken, { ...payload, app_id: 'someone-else' }))).toMatchObject({ _tag: 'WebhookUnauthenticated' });
    const { app_id: _id, app_code: _code, ...unclaimed } = payload;
    expect(await failureOf(authenticate(webhookToken, unclaimed))).toMatchObject({ _tag: 'WebhookUnauthenticated' });
    expect(await failureOf(authenticate(webhookToken, 'not an object'))).toMatchObject({ _tag: 'WebhookUnauthenticated' });
  });
});
