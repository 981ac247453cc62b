import type { Clock } from '../../core/shared/ports.ts';
import type { OutboxFeed } from '../../core/shared/outbox.port.ts';
import type { AmqpHandler } from '../../adapters/rabbitmq/amqp-topology.ts';
import type { ProcessMetrics } from '../shared/metrics.ts';
import { openRoot } from '../shared/root.ts';
import { secretsKeyFrom } from '../shared/secrets-key.ts';
import type { CommitSignal } from '../shared/wake-on-commit.ts';
import type { WorkerConfig } from './config.ts';

/** A periodic job, e.g. the allocation queue drain every ALLOCATION_SWEEP_SECONDS. */
export interface WorkerSweep {
  readonly name: string;
  readonly intervalMs: number;
  readonly sweep: () => Promise<unknown>;
  /** Runs the sweep at once whenever it signals (webhook deliveries after a fan-out). */
  readonly wake?: { subscribe(listener: () => void): () => void };
}

/** What the worker runs: the outbox feed it relays, the job handlers, the periodic sweeps, and the store to close. */
export interface WorkerComposition {
  readonly feed: OutboxFeed;
  readonly clock: Clock;
  readonly handlers: ReadonlyArray<AmqpHandler>;
  readonly sweeps: ReadonlyArray<WorkerSweep>;
  /** The store's commit signal: the worker's relay publishes what the jobs commit at once. */
  readonly commits?: CommitSignal;
  /** With `METRICS_PORT`: what the worker's `/metrics` serves. */
  readonly metrics?: ProcessMetrics;
  close(): Promise<void>;
}

export type ComposeWorker = (config: WorkerConfig) => Promise<WorkerComposition>;

/** The worker's root (the store `DATABASE_URL` names, migrated first) and the jobs shared with the API. */
export const composeWorker: ComposeWorker = async (config) => {
  const root = await openRoot({
    databaseUrl: config.databaseUrl,
    secretsKey: secretsKeyFrom(process.env),
    outboundAllowPrivateNetworks: config.outboundAllowPrivateNetworks,
    metrics: config.metricsPort === null ? null : { token: config.metricsToken, perTenant: config.metricsPerTenant },
  });
  const jobs = root.jobs({ allocationSweepSeconds: config.allocationSweepSeconds });
  return {
    feed: root.store.outboxFeed,
    clock: root.clock,
    handlers: jobs.handlers,
    sweeps: jobs.sweeps,
    commits: root.store.commits,
    ...(root.metrics === null ? {} : { metrics: root.metrics }),
    close: () => root.close(),
  };
};
