import { afterAll, expect, it } from 'vitest';
import { brokerProxy } from '../../support/rabbitmq.ts';
import { startApiProcess, type ApiProcess } from '../../support/system-processes.ts';
import { eventually } from '../../support/system-probes.ts';
import { systemDescribe, systemServices } from '../../support/system-services.ts';

const services = await systemServices();

// API.md: `/readyz` answers 503 when a configured broker does not answer (the database alone is not enough).
systemDescribe('API readiness with AMQP_URL configured', services, (ready) => {
  const running: ApiProcess[] = [];
  afterAll(async () => {
    await Promise.all(running.map((api) => api.signal('SIGTERM')));
  });
  const readyz = (api: ApiProcess) => fetch(`${api.baseUrl}/readyz`).then(async (r) => ({ status: r.status, body: (await r.json()) as { error?: { code: string } } }));

  it('answers 503 unavailable when the broker URL is unreachable, while /healthz stays 200', async () => {
    const api = await startApiProcess('api-no-broker', { DATABASE_URL: 'memory:', AMQP_URL: 'amqp://guest:guest@127.0.0.1:1' }, 'healthz');
    running.push(api);
    const reply = await readyz(api);
    expect(reply.status).toBe(503);
    expect(reply.body.error?.code).toBe('unavailable');
    expect((await fetch(`${api.baseUrl}/healthz`)).status).toBe(200);
  });

  it('turns 503 when the broker goes away and 200 again when it is back, without a restart', async () => {
    const proxy = await brokerProxy();
    try {
      const api = await startApiProcess('api-proxied-broker', { DATABASE_URL: 'memory:', AMQP_URL: proxy.url });
      running.push(api);
      expect((await readyz(api)).status).toBe(200);

      await proxy.cut();
      await eventually('readyz 503', () => readyz(api), (r) => r.status === 503, 10_000, 250);

      await proxy.restore();
      await eventually('readyz 200', () => readyz(api), (r) => r.status === 200, 10_000, 250);
      expect(api.alive()).toBe(true);
    } finally {
      await proxy.close();
    }
  }, 40_000);
});
