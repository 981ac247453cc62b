import type { Clock } from '../../core/shared/ports.ts';
import type { OutboxFeed } from '../../core/shared/outbox.port.ts';
import type { AmqpHandler } from '../../adapters/rabbitmq/amqp-topology.ts';
import { MemoryUnitOfWork } from '../../adapters/memory/memory-unit-of-work.ts';
import { MemoryOutboxFeed } from '../../adapters/memory/memory-outbox-feed.ts';
import { systemClock } from '../../adapters/memory/memory-ids.ts';
import type { WorkerConfig } from './config.ts';

/** A periodic job, e.g. the allocation queue drain every ALLOCATION_SWEEP_SECONDS. */
export interface WorkerSweep {
  readonly name: string;
  readonly intervalMs: number;
  readonly sweep: () => Promise<unknown>;
}

/** What the worker runs: the outbox feed it relays, the job handlers, the periodic sweeps, and the store to close. */
export interface WorkerComposition {
  readonly feed: OutboxFeed;
  readonly clock: Clock;
  readonly handlers: ReadonlyArray<AmqpHandler>;
  readonly sweeps: ReadonlyArray<WorkerSweep>;
  close(): Promise<void>;
}

export type ComposeWorker = (config: WorkerConfig) => Promise<WorkerComposition>;

/** The worker's store and jobs, chosen from the configuration. */
export const composeWorker: ComposeWorker = async (_config) => {
  const uow = new MemoryUnitOfWork();
  return {
    feed: new MemoryOutboxFeed(uow.db),
    clock: systemClock,
    handlers: [],
    sweeps: [],
    close: async () => {},
  };
};
