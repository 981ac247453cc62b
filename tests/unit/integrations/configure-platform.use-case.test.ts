import { describe, expect, it } from 'vitest';
import { DestinationGuard } from '../../../adapters/outbound-http/destination-guard.ts';
import { failureOf, run, useIntegrationsWorld } from './integrations-world.ts';

describe('ConfigurePlatformUseCase and GetPlatformIntegrationUseCase', () => {
  const world = useIntegrationsWorld();

  it('configures the integration with a random webhook token of at least 128 bits and its URLs', async () => {
    const w = world();
    const view = await w.configure();
    expect(view.appCode).toBe(w.fake.credentials.appCode);
    expect(Buffer.from(view.webhookToken, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(view.roomNeedsAgentUrl).toBe(`https://switchboard.example.test/api/v1/webhook/agent_allocation?token=${view.webhookToken}`);
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

describe('ConfigurePlatformUseCase and the outbound URL rule', () => {
  const resolve = async (host: string) => [{ address: host === 'inward.example.test' ? '127.0.0.1' : '93.184.215.14', family: 4 }];
  const world = useIntegrationsWorld({ destinations: new DestinationGuard({ allowPrivateNetworks: false, resolve }) });

  it.each(['http://169.254.169.254', 'http://127.0.0.1:8080', 'http://[::1]/', 'http://10.0.0.7', 'https://inward.example.test', 'http://[::ffff:127.0.0.1]'])(
    'refuses base_url %s with InvalidInput on base_url, storing nothing',
    async (baseUrl) => {
      const w = world();
      const error = await failureOf(w.useCases.configureQiscus.execute({ appCode: 'a', secretKey: 'k', baseUrl }, w.admin));
      expect(error).toMatchObject({ _tag: 'InvalidInput', path: 'base_url' });
      expect(w.uow.db.integrations.size).toBe(0);
    },
  );

  it('accepts a public base_url and the default one', async () => {
    const w = world();
    const view = await run(w.useCases.configureQiscus.execute({ appCode: 'a', secretKey: 'k', baseUrl: 'https://qiscus.example.test/' }, w.admin));
    expect(view.baseUrl).toBe('https://qiscus.example.test');
    expect((await run(w.useCases.configureQiscus.execute({ appCode: 'a', secretKey: 'k' }, w.admin))).baseUrl).toBe('https://multichannel.qiscus.com');
  });
});
