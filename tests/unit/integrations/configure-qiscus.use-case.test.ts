import { describe, expect, it } from 'vitest';
import { failureOf, run, useIntegrationsWorld } from './integrations-world.ts';

describe('ConfigureQiscusUseCase and GetQiscusIntegrationUseCase', () => {
  const world = useIntegrationsWorld();

  it('configures the integration with a random webhook token of at least 128 bits and its URLs', async () => {
    const w = world();
    const view = await w.configure();
    expect(view.appCode).toBe(w.fake.credentials.appCode);
    expect(Buffer.from(view.webhookToken, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(view.agentAllocationUrl).toBe(`https://switchboard.example.test/api/v1/webhook/agent_allocation?token=${view.webhookToken}`);
    expect(JSON.stringify(view)).not.toContain(w.fake.credentials.secretKey);
    expect(await run(w.useCases.getQiscusIntegration.execute(undefined, w.admin))).toEqual(view);
  });

  it('keeps the webhook token when the settings are replaced', async () => {
    const w = world();
    const first = await w.configure();
    const second = await w.configure({ adminEmail: null, adminPassword: null, baseUrl: 'https://omnichannel.qiscus.com' });
    expect(second.webhookToken).toBe(first.webhookToken);
    expect(second.baseUrl).toBe('https://omnichannel.qiscus.com');
  });

  it('fails with InvalidInput when app_code or secret_key is missing', async () => {
    const w = world();
    const noCode = await failureOf(w.useCases.configureQiscus.execute({ secretKey: 'k' }, w.admin));
    const noKey = await failureOf(w.useCases.configureQiscus.execute({ appCode: 'a', secretKey: null }, w.admin));
    expect(noCode).toMatchObject({ _tag: 'InvalidInput', path: 'app_code' });
    expect(noKey).toMatchObject({ _tag: 'InvalidInput', path: 'secret_key' });
    expect(w.uow.db.integrations.size).toBe(0);
  });

  it('is Forbidden to agents, for reading too', async () => {
    const w = world();
    expect(await failureOf(w.useCases.configureQiscus.execute({ appCode: 'a', secretKey: 'k' }, w.agentActor))).toMatchObject({ _tag: 'Forbidden' });
    expect(await failureOf(w.useCases.getQiscusIntegration.execute(undefined, w.agentActor))).toMatchObject({ _tag: 'Forbidden' });
  });

  it('answers NotFound before an integration is configured', async () => {
    const w = world();
    expect(await failureOf(w.useCases.getQiscusIntegration.execute(undefined, w.admin))).toMatchObject({ _tag: 'NotFound' });
  });
});
