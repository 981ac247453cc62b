import { Effect } from 'effect';
import { describe, expect, it } from 'vitest';
import { PrometheusMetrics } from '../../../adapters/prometheus/prometheus-metrics.ts';
import { scrapeEndpoint } from '../../../adapters/prometheus/metrics-scrape.ts';
import type { BacklogProbe, QueueBacklog } from '../../../core/shared/backlog-probe.port.ts';
import { domainEvent, type DomainEvent } from '../../../core/shared/events.ts';
import { parseExposition } from '../../support/prometheus-text.ts';

const now = new Date('2030-01-01T00:10:00.000Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const decision = { candidates: [], considered: 1, reason: 'least_loaded' } as const;
const assigned = (queueWait?: { lane: 'native' | 'platform'; ms: number }): DomainEvent =>
  domainEvent('ticket.assigned', { id: 'e', tenantId: 't1', occurredAt: now }, {
    ticketId: 'x', agentId: 'a', previousAgentId: null, by: queueWait ? 'allocator' : 'staff', decision: queueWait ? decision : null,
    ...(queueWait === undefined ? {} : { queueWait }),
  });

const probeOf = (queues: ReadonlyArray<QueueBacklog>): BacklogProbe => ({
  queues: (perTenant) => Effect.succeed(perTenant ? queues : queues.map((q) => ({ ...q, tenantId: null }))),
  outbox: () => Effect.succeed({ unpublished: 7, oldestOccurredAt: minutesAgo(2) }),
});
const scrape = async (metrics: PrometheusMetrics) => parseExposition(await metrics.render());

describe('PrometheusMetrics', () => {
  it('observes the allocation latency of committed allocator assignments, by lane (platform rooms as qiscus)', async () => {
    const metrics = new PrometheusMetrics();
    metrics.committed([assigned({ lane: 'native', ms: 40 }), assigned(), assigned({ lane: 'platform', ms: 2500 })]);
    metrics.committed([assigned({ lane: 'native', ms: 60 })]);
    const m = await scrape(metrics);
    expect(m.value('switchboard_allocation_latency_seconds_count', { lane: 'native' })).toBe(2);
    expect(m.value('switchboard_allocation_latency_seconds_sum', { lane: 'native' })).toBeCloseTo(0.1);
    expect(m.value('switchboard_allocation_latency_seconds_bucket', { lane: 'native', le: '0.05' })).toBe(1);
    expect(m.value('switchboard_allocation_latency_seconds_count', { lane: 'qiscus' })).toBe(1);
    expect(m.all('switchboard_allocation_latency_seconds_count').map((s) => s.labels.lane).sort()).toEqual(['native', 'qiscus']);
  });

  it('reads the queue and outbox gauges from the probe at scrape time, without a tenant label by default', async () => {
    const metrics = new PrometheusMetrics();
    const queues: QueueBacklog[] = [
      { lane: 'native', tenantId: 't1', waiting: 3, oldestQueuedAt: minutesAgo(5) },
      { lane: 'platform', tenantId: 't1', waiting: 0, oldestQueuedAt: null },
    ];
    metrics.watchBacklog(probeOf(queues), { perTenant: false, now: () => now });
    const m = await scrape(metrics);
    expect(m.all('switchboard_queue_depth')).toEqual([
      { name: 'switchboard_queue_depth', labels: { lane: 'native' }, value: 3 },
      { name: 'switchboard_queue_depth', labels: { lane: 'qiscus' }, value: 0 },
    ]);
    expect(m.value('switchboard_queue_oldest_waiting_seconds', { lane: 'native' })).toBe(300);
    expect(m.value('switchboard_queue_oldest_waiting_seconds', { lane: 'qiscus' })).toBe(0);
    expect(m.value('switchboard_outbox_backlog')).toBe(7);
    expect(m.value('switchboard_outbox_relay_lag_seconds')).toBe(120);
  });

  it('labels the queue gauges by tenant only with METRICS_PER_TENANT', async () => {
    const metrics = new PrometheusMetrics();
    metrics.watchBacklog(probeOf([{ lane: 'native', tenantId: 't1', waiting: 2, oldestQueuedAt: minutesAgo(1) }]), { perTenant: true, now: () => now });
    expect((await scrape(metrics)).all('switchboard_queue_depth')).toEqual([{ name: 'switchboard_queue_depth', labels: { lane: 'native', tenant: 't1' }, value: 2 }]);
  });

  it('leaves the queue gauges empty, the outbox ones NaN, and counts a failure when the probe does not answer in time', async () => {
    const metrics = new PrometheusMetrics();
    const stuck: BacklogProbe = { queues: () => Effect.never, outbox: () => Effect.never };
    metrics.watchBacklog(stuck, { perTenant: false, now: () => now, timeoutMs: 20 });
    const m = await scrape(metrics);
    expect(m.all('switchboard_queue_depth')).toEqual([]);
    expect(m.value('switchboard_outbox_backlog')).toBeNaN();
    expect(m.value('switchboard_outbox_relay_lag_seconds')).toBeNaN();
    expect(m.value('switchboard_backlog_probe_failures_total')).toBe(1);
  });

  it('probes once for all the gauges of a scrape (and scrapes within the cache window)', async () => {
    const metrics = new PrometheusMetrics();
    let probes = 0;
    const counted: BacklogProbe = { queues: () => Effect.sync(() => (probes++, [])), outbox: () => Effect.succeed({ unpublished: 0, oldestOccurredAt: null }) };
    metrics.watchBacklog(counted, { perTenant: false, now: () => now, cacheMs: 60_000 });
    await metrics.render();
    await metrics.render();
    expect(probes).toBe(1);
  });

  it('counts Qiscus attempts by endpoint (snake_case) and outcome, with their duration', async () => {
    const metrics = new PrometheusMetrics();
    metrics.qiscusCall({ endpoint: 'assign agent', outcome: 'success', seconds: 0.02 });
    metrics.qiscusCall({ endpoint: 'assign agent', outcome: 'server_error', seconds: 0.5 });
    const m = await scrape(metrics);
    expect(m.value('switchboard_qiscus_calls_total', { endpoint: 'assign_agent', outcome: 'success' })).toBe(1);
    expect(m.value('switchboard_qiscus_call_duration_seconds_sum', { endpoint: 'assign_agent', outcome: 'server_error' })).toBe(0.5);
  });
});

describe('scrapeEndpoint', () => {
  const metrics = { contentType: 'text/plain; version=0.0.4', render: async () => 'up 1\n' };

  it('answers only the exact bearer token (case-insensitive scheme), 404 for anything else', async () => {
    const scrape = scrapeEndpoint(metrics, 'a-long-metrics-token-123');
    expect(await scrape('Bearer a-long-metrics-token-123')).toEqual({ status: 200, contentType: metrics.contentType, body: 'up 1\n' });
    expect((await scrape('bearer a-long-metrics-token-123')).status).toBe(200);
    for (const wrong of [undefined, '', 'Bearer', 'Bearer a-long-metrics-token-12', 'Bearer a-long-metrics-token-1234', 'Basic a-long-metrics-token-123', 'a-long-metrics-token-123']) {
      expect({ wrong, status: (await scrape(wrong)).status }).toEqual({ wrong, status: 404 });
    }
  });

  it('needs no token when none is configured (the worker on its own port)', async () => {
    expect((await scrapeEndpoint(metrics, null)(undefined)).status).toBe(200);
  });
});
