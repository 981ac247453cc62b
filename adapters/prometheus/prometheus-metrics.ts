import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { JobObserver, JobOutcome } from '../../core/shared/job-observer.port.ts';
import type { BacklogProbe } from '../../core/shared/backlog-probe.port.ts';
import type { DomainEvent } from '../../core/shared/events.ts';
import { registerBacklogGauges, type BacklogGaugeOptions } from './backlog-gauges.ts';

/** One finished HTTP request, as the HTTP adapter reports it. `route` is the route template, never the raw path. */
export interface HttpRequestSample {
  readonly method: string;
  readonly route: string;
  readonly status: number;
  readonly seconds: number;
}

/** One attempt of a call to Qiscus (`endpoint` is the client's operation name, `assign agent` → `assign_agent`). */
export interface QiscusCallSample {
  readonly endpoint: string;
  readonly outcome: 'success' | 'client_error' | 'server_error' | 'failed' | 'refused';
  readonly seconds: number;
}

const knownMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Seconds: from 1 ms (an in-memory route) to 10 s (a request that waited on a lock or a remote). */
const requestBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Seconds a ticket waits in the queue: from a wake-on-commit allocation to an hour without an agent. */
const waitBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];

/** The lane labels: a platform room is a Qiscus room (the only platform there is). */
const laneLabel = { native: 'native', platform: 'qiscus' } as const;

/**
 * Switchboard's Prometheus metrics on their own registry (prom-client): what the HTTP adapter, the job
 * runners, the Qiscus client and committed allocations report, the backlog gauges read at scrape time,
 * and Node's process metrics.
 */
export class PrometheusMetrics implements JobObserver {
  readonly registry = new Registry();
  readonly #requests: Histogram<'method' | 'route' | 'status_class'>;
  readonly #allocation: Histogram<'lane'>;
  readonly #jobs: Record<JobOutcome, Counter<'job'>>;
  readonly #qiscusCalls: Counter<'endpoint' | 'outcome'>;
  readonly #qiscusDuration: Histogram<'endpoint' | 'outcome'>;

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.#requests = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests by method, route template and status class (2xx, 4xx, ...)',
      labelNames: ['method', 'route', 'status_class'],
      buckets: requestBuckets,
      registers,
    });
    this.#allocation = new Histogram({
      name: 'switchboard_allocation_latency_seconds',
      help: 'Queued to assigned by the allocator, by lane (native, qiscus)',
      labelNames: ['lane'],
      buckets: waitBuckets,
      registers,
    });
    const jobCounter = (outcome: string, help: string) =>
      new Counter({ name: `switchboard_jobs_${outcome}_total`, help, labelNames: ['job'], registers });
    this.#jobs = {
      processed: jobCounter('processed', 'Job runs that succeeded, by job'),
      retried: jobCounter('retried', 'Job runs that failed and were scheduled again, by job'),
      dead_lettered: jobCounter('dead_lettered', 'Jobs given up after their last attempt (dead-lettered), by job'),
    };
    this.#qiscusCalls = new Counter({
      name: 'switchboard_qiscus_calls_total',
      help: 'HTTP attempts to Qiscus by endpoint and outcome',
      labelNames: ['endpoint', 'outcome'],
      registers,
    });
    this.#qiscusDuration = new Histogram({
      name: 'switchboard_qiscus_call_duration_seconds',
      help: 'Duration of HTTP attempts to Qiscus by endpoint and outcome',
      labelNames: ['endpoint', 'outcome'],
      buckets: requestBuckets,
      registers,
    });
  }

  /** The Prometheus text exposition of every metric. */
  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  httpRequest(sample: HttpRequestSample): void {
    const method = knownMethods.has(sample.method) ? sample.method : 'other';
    const statusClass = `${Math.trunc(sample.status / 100)}xx`;
    this.#requests.observe({ method, route: sample.route, status_class: statusClass }, sample.seconds);
  }

  jobSettled(job: string, outcome: JobOutcome): void {
    this.#jobs[outcome].inc({ job });
  }

  qiscusCall(sample: QiscusCallSample): void {
    const labels = { endpoint: sample.endpoint.replaceAll(' ', '_'), outcome: sample.outcome };
    this.#qiscusCalls.inc(labels);
    this.#qiscusDuration.observe(labels, sample.seconds);
  }

  /** Committed events of this process: each allocator assignment out of the queue is one allocation latency sample. */
  committed(events: ReadonlyArray<DomainEvent>): void {
    for (const event of events) {
      if (event.type !== 'ticket.assigned' || event.payload.queueWait === undefined) continue;
      const { lane, ms } = event.payload.queueWait;
      this.#allocation.observe({ lane: laneLabel[lane] }, ms / 1000);
    }
  }

  /** Queue and outbox gauges, read from `probe` when scraped (see `backlog-gauges.ts`). */
  watchBacklog(probe: BacklogProbe, options: BacklogGaugeOptions): void {
    registerBacklogGauges(this.registry, probe, options);
  }
}
