import { Duration, Effect, Option } from 'effect';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { BacklogProbe, OutboxBacklog, QueueBacklog } from '../../core/shared/backlog-probe.port.ts';

export interface BacklogGaugeOptions {
  /** `METRICS_PER_TENANT=true`: queue gauges get a `tenant` label (one series per tenant with waiting tickets). */
  readonly perTenant: boolean;
  readonly now: () => Date;
  /** A probe slower than this leaves the queue gauges empty and the outbox ones NaN for this scrape (counted in `switchboard_backlog_probe_failures_total`). */
  readonly timeoutMs?: number;
  /** Scrapes within this window share one probe (several Prometheus servers, or a retry). */
  readonly cacheMs?: number;
}

interface Backlog {
  readonly queues: ReadonlyArray<QueueBacklog>;
  readonly outbox: OutboxBacklog;
}

const laneLabel = { native: 'native', platform: 'qiscus' } as const;

const ageSeconds = (since: Date | null, now: Date): number => (since === null ? 0 : Math.max(0, (now.getTime() - since.getTime()) / 1000));

/**
 * Queue depth and oldest wait per lane, outbox backlog and relay lag: gauges computed when scraped, from
 * one probe per scrape (cached briefly, bounded by a timeout), never on a request's path.
 */
export const registerBacklogGauges = (registry: Registry, probe: BacklogProbe, options: BacklogGaugeOptions): void => {
  const timeoutMs = options.timeoutMs ?? 2000;
  const cacheMs = options.cacheMs ?? 1000;
  const registers = [registry];
  let cached: { readonly at: number; readonly backlog: Promise<Backlog | null> } | null = null;

  const read = (): Promise<Backlog | null> =>
    Effect.runPromise(
      Effect.all({ queues: probe.queues(options.perTenant), outbox: probe.outbox() }).pipe(
        Effect.timeoutOption(Duration.millis(timeoutMs)),
        Effect.map(Option.getOrNull),
        Effect.catchCause(() => Effect.succeed(null)),
        Effect.tap((backlog) => (backlog === null ? Effect.sync(() => failures.inc()) : Effect.void)),
      ),
    );
  const snapshot = (): Promise<Backlog | null> => {
    const now = Date.now();
    if (cached === null || now - cached.at > cacheMs) cached = { at: now, backlog: read() };
    return cached.backlog;
  };

  const queueLabels = options.perTenant ? ['lane', 'tenant'] : ['lane'];
  const labelsOf = (q: QueueBacklog) => (options.perTenant && q.tenantId !== null ? { lane: laneLabel[q.lane], tenant: q.tenantId } : { lane: laneLabel[q.lane] });
  const queueGauge = (name: string, help: string, value: (q: QueueBacklog, now: Date) => number) =>
    new Gauge({
      name,
      help,
      labelNames: queueLabels,
      registers,
      async collect() {
        const backlog = await snapshot();
        this.reset();
        const now = options.now();
        for (const q of backlog?.queues ?? []) this.set(labelsOf(q), value(q, now));
      },
    });
  queueGauge('switchboard_queue_depth', 'Tickets waiting for an agent, by lane', (q) => q.waiting);
  queueGauge('switchboard_queue_oldest_waiting_seconds', 'How long the longest-waiting ticket has waited, by lane', (q, now) => ageSeconds(q.oldestQueuedAt, now));
  const outboxGauge = (name: string, help: string, value: (o: OutboxBacklog, now: Date) => number) =>
    new Gauge({
      name,
      help,
      registers,
      async collect() {
        const backlog = await snapshot();
        // An unlabelled gauge is always exported: NaN says "unknown", where 0 would say "drained".
        this.set(backlog === null ? Number.NaN : value(backlog.outbox, options.now()));
      },
    });
  outboxGauge('switchboard_outbox_backlog', 'Outbox events not yet published', (o) => o.unpublished);
  outboxGauge('switchboard_outbox_relay_lag_seconds', 'Age of the oldest unpublished outbox event (0 when drained)', (o, now) => ageSeconds(o.oldestOccurredAt, now));
  const failures = new Counter({
    name: 'switchboard_backlog_probe_failures_total',
    help: 'Scrapes whose backlog probe failed or timed out',
    registers,
    // prom-client collects every metric at once: wait for this scrape's probe, so its failure is in this scrape.
    async collect() {
      await snapshot();
    },
  });
};
