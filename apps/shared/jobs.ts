import { Effect } from 'effect';
import type { JobLogger } from '../../adapters/in-process/job-logger.ts';
import type { ChatPlatform } from '../../core/allocation/chat-platform.port.ts';
import { AllocateRoomsUseCase } from '../../core/integrations/allocate-rooms.use-case.ts';
import { ReconcileRoomsUseCase } from '../../core/integrations/reconcile-rooms.use-case.ts';
import { ResolveRoomOnPlatformHandler } from '../../core/integrations/resolve-room-on-platform.handler.ts';
import { RoomAllocationHandler } from '../../core/integrations/room-allocation.handler.ts';
import { SweepPlatformUseCase } from '../../core/integrations/sweep-platform.use-case.ts';
import { PruneEventsUseCase } from '../../core/events/prune-events.use-case.ts';
import { PruneChannelDeliveriesUseCase } from '../../core/channels/prune-channel-deliveries.use-case.ts';
import { PruneDeliveriesUseCase } from '../../core/webhooks/prune-deliveries.use-case.ts';
import { SweepSlaUseCase } from '../../core/tickets/sweep-sla.use-case.ts';
import { allocationHandler, allocationSweep, type AllocationJobDeps } from './allocation-jobs.ts';
import type { OutboundHttp } from '../../core/shared/outbound.port.ts';
import { webhookJobs } from './webhook-jobs.ts';
import type { SweepJob } from './sweep-job.ts';
import { registeredJobs, type Job } from './job-registry.ts';
import type { EventHandler } from '../../core/shared/outbox.port.ts';

export type { SweepJob } from './sweep-job.ts';
export type { Job } from './job-registry.ts';

/** What both the API (in-process mode) and the worker run. */
export interface Jobs {
  /** `buildJobs` gives the registered `Job`s; a runner takes any handler (bound to every event without `eventTypes`). */
  readonly handlers: ReadonlyArray<EventHandler & Partial<Pick<Job, 'eventTypes'>>>;
  readonly sweeps: ReadonlyArray<SweepJob>;
}

export interface JobsDeps extends AllocationJobDeps {
  /** The guarded HTTP client outbound webhooks are sent with. */
  readonly outbound: OutboundHttp;
  /** The chat platform (Qiscus) that owns platform rooms. */
  readonly platform: ChatPlatform;
  readonly allocationSweepSeconds: number;
  readonly logger?: JobLogger;
}

/** How often stored events, webhook deliveries and channel deliveries past their retention are dropped. */
const pruneIntervalMs = 15 * 60_000;

/** How often due SLA targets are checked: well inside the 60 s the contract allows. */
export const slaSweepMs = 15_000;

/** The event handlers and periodic sweeps of Switchboard: native allocation, the Qiscus room flow, outbound webhooks. */
export const buildJobs = (deps: JobsDeps): Jobs => {
  const intervalMs = deps.allocationSweepSeconds * 1000;
  const sweepNative = allocationSweep(deps);
  const allocateRooms = new AllocateRoomsUseCase(deps);
  const sweepSla = new SweepSlaUseCase(deps);
  const sweepRooms = new SweepPlatformUseCase({ uow: deps.uow, allocate: allocateRooms, reconcile: new ReconcileRoomsUseCase(deps) });
  const pruneEvents = new PruneEventsUseCase(deps);
  const pruneDeliveries = new PruneDeliveriesUseCase(deps);
  const pruneChannelDeliveries = new PruneChannelDeliveriesUseCase(deps);
  const webhooks = webhookJobs(deps);
  return {
    handlers: registeredJobs({
      allocation: allocationHandler(deps),
      'integrations.allocate-rooms': new RoomAllocationHandler(allocateRooms),
      'integrations.resolve-room': new ResolveRoomOnPlatformHandler(deps),
      webhooks: webhooks.handler,
    }),
    sweeps: [
      {
        // API.md: a breach is announced within 60 s of its due time.
        name: 'sla-sweep',
        intervalMs: slaSweepMs,
        sweep: async () => {
          const report = await Effect.runPromise(sweepSla.execute());
          if (report.breaches > 0) deps.logger?.info({ ...report }, 'sla sweep recorded breaches');
          return report;
        },
      },
      {
        name: 'allocation-sweep',
        intervalMs,
        sweep: async () => {
          const report = await Effect.runPromise(sweepNative());
          if (report.assigned > 0) deps.logger?.info({ ...report }, 'allocation sweep assigned waiting tickets');
          return report;
        },
      },
      {
        name: 'qiscus-sweep',
        intervalMs,
        sweep: async () => {
          const report = await Effect.runPromise(sweepRooms.execute());
          if (report.failures.length > 0) deps.logger?.warn({ failures: report.failures }, 'qiscus sweep failed for some tenants');
          return report;
        },
      },
      { name: 'events-prune', intervalMs: pruneIntervalMs, sweep: () => Effect.runPromise(pruneEvents.execute()) },
      { name: 'webhook-deliveries-prune', intervalMs: pruneIntervalMs, sweep: () => Effect.runPromise(pruneDeliveries.execute()) },
      { name: 'channel-deliveries-prune', intervalMs: pruneIntervalMs, sweep: () => Effect.runPromise(pruneChannelDeliveries.execute()) },
      webhooks.sweep,
    ],
  };
};
