import { describe, expect, it } from 'vitest';
import { failureOf, run, useIntegrationsWorld } from './integrations-world.ts';

describe('SetMarkAsResolvedUseCase', () => {
  const world = useIntegrationsWorld();

  it("registers this tenant's mark-as-resolved URL on Qiscus by default, enabled", async () => {
    const w = world();
    const view = await w.configure();
    const registered = await run(w.useCases.setMarkAsResolved.execute({}, w.admin));
    expect(registered).toEqual({ url: view.roomResolvedUrl, enabled: true });
    expect(w.fake.state.resolveWebhook).toEqual({ url: view.roomResolvedUrl, enabled: true });
  });

  it('registers a given URL, disabled on request', async () => {
    const w = world();
    await w.configure();
    const registered = await run(w.useCases.setMarkAsResolved.execute({ url: 'https://elsewhere.example.com/hook', enabled: false }, w.admin));
    expect(registered).toEqual({ url: 'https://elsewhere.example.com/hook', enabled: false });
  });

  it('fails with NotFound when no integration is configured', async () => {
    const w = world();
    expect(await failureOf(w.useCases.setMarkAsResolved.execute({}, w.admin))).toMatchObject({ _tag: 'NotFound' });
  });

  it('fails with InvalidInput without an admin login, or when Qiscus refuses it', async () => {
    const w = world();
    await w.configure({ adminEmail: null, adminPassword: null });
    expect(await failureOf(w.useCases.setMarkAsResolved.execute({}, w.admin))).toMatchObject({ _tag: 'InvalidInput' });
    await w.configure({ adminPassword: 'not-the-password' });
    expect(await failureOf(w.useCases.setMarkAsResolved.execute({}, w.admin))).toMatchObject({ _tag: 'InvalidInput' });
    expect(w.fake.state.resolveWebhook.url).toBeNull();
  });

  it('fails with InvalidInput for a URL that is not http(s)', async () => {
    const w = world();
    await w.configure();
    expect(await failureOf(w.useCases.setMarkAsResolved.execute({ url: 'javascript:alert(1)' }, w.admin))).toMatchObject({ _tag: 'InvalidInput', path: 'url' });
  });

  it('fails with UpstreamFailed when Qiscus does not answer', async () => {
    const w = world();
    await w.configure({ baseUrl: 'http://127.0.0.1:9' });
    expect(await failureOf(w.useCases.setMarkAsResolved.execute({}, w.admin))).toMatchObject({ _tag: 'UpstreamFailed' });
  });

  it('is Forbidden to agents', async () => {
    const w = world();
    await w.configure();
    expect(await failureOf(w.useCases.setMarkAsResolved.execute({}, w.agentActor))).toMatchObject({ _tag: 'Forbidden' });
  });
});
