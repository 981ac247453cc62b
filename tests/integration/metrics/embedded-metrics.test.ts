import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeQiscus } from '../../support/fake-qiscus/fake-qiscus.ts';
import { parseExposition, type Exposition } from '../../support/prometheus-text.ts';
import { eventually } from '../../support/system-probes.ts';
import { startApiProcess, type ApiProcess } from '../../support/system-processes.ts';
import { call, login, postConversation, type SignedChannel } from '../../support/system-tenant.ts';

const token = randomBytes(24).toString('base64url');

// `npm start` as shipped (in-process jobs, SQLite, the demo tenant): the metrics the embedded default exposes.
describe('metrics of the embedded API (in-process jobs): queue, allocation, jobs, outbox and Qiscus', () => {
  let api: ApiProcess;
  let fake: FakeQiscus;
  let admin: string;
  let channel: SignedChannel;
  const folder = mkdtempSync(join(tmpdir(), 'switchboard-metrics-'));

  const scrape = async (): Promise<Exposition> => {
    const res = await fetch(`${api.baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return parseExposition(await res.text());
  };
  const until = (what: string, done: (m: Exposition) => boolean) => eventually(what, scrape, done, 15_000, 50);

  beforeAll(async () => {
    api = await startApiProcess('api-metrics', {
      DATABASE_URL: `sqlite:${join(folder, 'embedded.db')}`,
      // In-process jobs: CI's AMQP_URL must not reach this API (it would publish to a broker no worker reads).
      AMQP_URL: '',
      METRICS_TOKEN: token,
      JWT_SECRET: randomBytes(32).toString('hex'),
      SECRETS_KEY: randomBytes(32).toString('base64'),
      OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true',
    });
    const password = /password: (\S+)/.exec(api.output())?.[1] as string;
    admin = await login(api.baseUrl, 'admin@demo.local', password);
    channel = (await call(api.baseUrl, 'POST', '/api/channels', { name: 'web' }, admin)).body as SignedChannel;
    fake = await FakeQiscus.start();
  }, 60_000);
  afterAll(async () => {
    await fake?.close();
    await api?.signal('SIGTERM');
    rmSync(folder, { recursive: true, force: true });
  });

  it('shows a queued ticket in the native queue gauges, and the allocation job that queued it', async () => {
    const idle = await scrape();
    expect(idle.value('switchboard_queue_depth', { lane: 'native' })).toBe(0);
    expect(idle.value('switchboard_queue_depth', { lane: 'qiscus' })).toBe(0);
    expect(idle.value('switchboard_queue_oldest_waiting_seconds', { lane: 'native' })).toBe(0);
    const processedBefore = idle.value('switchboard_jobs_processed_total', { job: 'allocation' }) ?? 0;

    expect((await postConversation(api.baseUrl, channel, 'metrics-customer-1')).status).toBe(202);
    const queued = await until('the ticket queued', (m) => m.value('switchboard_queue_depth', { lane: 'native' }) === 1);
    expect(queued.types.get('switchboard_queue_depth')).toBe('gauge');
    expect(queued.value('switchboard_queue_oldest_waiting_seconds', { lane: 'native' })).toBeGreaterThan(0);
    expect(queued.all('switchboard_queue_depth').every((s) => s.labels.tenant === undefined)).toBe(true);
    const ran = await until('the allocation job ran', (m) => (m.value('switchboard_jobs_processed_total', { job: 'allocation' }) ?? 0) > processedBefore);
    expect(ran.value('switchboard_jobs_dead_lettered_total', { job: 'allocation' }) ?? 0).toBe(0);
  });

  it('observes the allocation latency once an agent comes online and takes the ticket, and the queue empties', async () => {
    const email = `agent-${randomBytes(4).toString('hex')}@metrics.test`;
    expect((await call(api.baseUrl, 'POST', '/api/users', { email, name: 'Agent', password: 'agent-pass-123', role: 'agent' }, admin)).status).toBe(201);
    const agent = await login(api.baseUrl, email, 'agent-pass-123');
    const waitedAtLeast = (await scrape()).value('switchboard_queue_oldest_waiting_seconds', { lane: 'native' }) as number;
    expect((await call(api.baseUrl, 'PATCH', '/api/me/availability', { availability: 'online' }, agent)).status).toBe(200);

    const assigned = await until('the ticket assigned', (m) => m.value('switchboard_allocation_latency_seconds_count', { lane: 'native' }) === 1);
    expect(assigned.types.get('switchboard_allocation_latency_seconds')).toBe('histogram');
    expect(assigned.value('switchboard_allocation_latency_seconds_sum', { lane: 'native' })).toBeGreaterThanOrEqual(waitedAtLeast);
    // The gauges may answer from the previous scrape's probe for up to a second.
    await until('the queue empty', (m) => m.value('switchboard_queue_depth', { lane: 'native' }) === 0);
  });

  it('counts the calls to Qiscus by endpoint and outcome, with their duration, and the qiscus lane latency', async () => {
    const { credentials } = fake;
    const integration = await call(
      api.baseUrl,
      'PUT',
      '/api/integrations/qiscus',
      { app_code: credentials.appCode, secret_key: credentials.secretKey, base_url: fake.baseUrl, admin_email: credentials.adminEmail, admin_password: credentials.adminPassword },
      admin,
    );
    expect(integration.status).toBe(200);
    fake.configureAllocationWebhook(integration.body.agent_allocation_url);
    fake.addAgent();
    await fake.customerWrites('880001');

    const served = await until('the room assigned on Qiscus', (m) => m.value('switchboard_allocation_latency_seconds_count', { lane: 'qiscus' }) === 1);
    expect(fake.assignCallsFor('880001').length).toBeGreaterThanOrEqual(1);
    const assigns = served.value('switchboard_qiscus_calls_total', { endpoint: 'assign_agent', outcome: 'success' }) ?? 0;
    expect(assigns).toBe(fake.assignCallsFor('880001').length);
    expect(served.value('switchboard_qiscus_call_duration_seconds_count', { endpoint: 'assign_agent', outcome: 'success' })).toBe(assigns);
    expect(served.value('switchboard_qiscus_call_duration_seconds_sum', { endpoint: 'assign_agent', outcome: 'success' })).toBeGreaterThan(0);
    expect(served.all('switchboard_qiscus_calls_total').map((s) => s.labels.endpoint)).toEqual(expect.arrayContaining(['list_available_agents', 'assign_agent']));
    expect(served.value('switchboard_jobs_processed_total', { job: 'integrations.allocate-rooms' }) ?? 0).toBeGreaterThanOrEqual(1);
  });

  it('shows the outbox drained: no backlog, no relay lag', async () => {
    const drained = await until('the outbox drained', (m) => m.value('switchboard_outbox_backlog') === 0);
    expect(drained.types.get('switchboard_outbox_backlog')).toBe('gauge');
    expect(drained.value('switchboard_outbox_relay_lag_seconds')).toBe(0);
    expect(drained.value('switchboard_backlog_probe_failures_total')).toBe(0);
  });
});
