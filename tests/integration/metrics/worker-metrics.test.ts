import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseExposition, type Exposition } from '../../support/prometheus-text.ts';
import { eventually } from '../../support/system-probes.ts';
import { freePort } from '../../support/system-processes.ts';
import { systemDescribe, systemServices } from '../../support/system-services.ts';
import { postConversation, staffTenant, type StaffedTenant } from '../../support/system-tenant.ts';
import { openSystem, type SystemWorld } from '../../support/system-world.ts';

const services = await systemServices();
const token = randomBytes(24).toString('base64url');

systemDescribe('metrics on MariaDB + RabbitMQ: the worker serves its own /metrics on METRICS_PORT', services, (ready) => {
  let world: SystemWorld;
  let tenant: StaffedTenant;
  let workerUrl: string;
  const scrape = async (url: string): Promise<Exposition> => {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return parseExposition(await res.text());
  };

  beforeAll(async () => {
    const port = await freePort();
    workerUrl = `http://127.0.0.1:${port}/metrics`;
    world = await openSystem(ready, { apis: 1, workers: 1, env: { METRICS_TOKEN: token, METRICS_PORT: String(port) } });
    tenant = await staffTenant(world, { agents: 1, capacity: 2 });
  }, 120_000);
  afterAll(async () => {
    await world?.close();
  }, 60_000);

  it('answers 404 without the token and the text format with it', async () => {
    expect((await fetch(workerUrl)).status).toBe(404);
    expect((await fetch(workerUrl, { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status).toBe(404);
    const metrics = await scrape(workerUrl);
    expect(metrics.value('process_resident_memory_bytes')).toBeGreaterThan(0);
    // The worker serves no API: no request histogram samples.
    expect(metrics.all('http_request_duration_seconds_count')).toEqual([]);
  });

  it('counts the RabbitMQ consumer jobs and the allocation latency in the worker, the webhook request in the API', async () => {
    const api = world.apis[0]?.baseUrl as string;
    expect((await postConversation(api, tenant.channel, `worker-metrics-${randomBytes(4).toString('hex')}`)).status).toBe(202);
    const worker = await eventually(
      'the worker allocated the ticket',
      () => scrape(workerUrl),
      (m) => m.value('switchboard_allocation_latency_seconds_count', { lane: 'native' }) === 1,
      20_000,
    );
    expect(worker.value('switchboard_jobs_processed_total', { job: 'allocation' })).toBeGreaterThanOrEqual(1);
    expect(worker.value('switchboard_queue_depth', { lane: 'native' })).toBe(0);
    const outbox = worker.value('switchboard_outbox_backlog');
    expect(outbox !== undefined && outbox >= 0).toBe(true);

    const apiMetrics = await scrape(`${api}/metrics`);
    expect(apiMetrics.value('http_request_duration_seconds_count', { method: 'POST', route: '/api/channel/webhook', status_class: '2xx' })).toBe(1);
    expect(apiMetrics.all('switchboard_allocation_latency_seconds_count')).toEqual([]);
  });
});
