import { Effect } from 'effect';
import { AllocateTicketUseCase } from '../../core/allocation/allocate-ticket.use-case.ts';
import { allocationTrigger } from '../../core/allocation/allocation-trigger.ts';
import { isWaiting } from '../../core/allocation/allocation.policy.ts';
import { DrainQueueUseCase } from '../../core/allocation/drain-queue.use-case.ts';
import { coalesceByKey } from '../../core/shared/coalesce.ts';
import type { StoreUnavailable } from '../../core/shared/errors.ts';
import type { DomainEventType } from '../../core/shared/events.ts';
import type { EventHandler } from '../../core/shared/outbox.port.ts';
import type { Clock, IdGenerator } from '../../core/shared/ports.ts';
import type { UnitOfWork } from '../../core/shared/unit-of-work.port.ts';
import type { TenantDirectory } from '../../core/tenancy/tenant-directory.port.ts';

export interface AllocationJobDeps {
  readonly uow: UnitOfWork;
  readonly directory: TenantDirectory;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Most tickets assigned per exclusive section (default 50). */
  readonly batchSize?: number;
}

/** A handler with the event types it listens to (RabbitMQ binds its queue to exactly these). */
export type JobHandler = EventHandler & { readonly eventTypes: ReadonlyArray<DomainEventType> };

/** The events `allocationTrigger` may answer for; it decides per event. */
const triggeringTypes: ReadonlyArray<DomainEventType> = [
  'ticket.created',
  'ticket.status_changed',
  'ticket.unassigned',
  'ticket.assigned',
  'agent.availability_changed',
  'agent.capacity_changed',
  'settings.changed',
];

/** Bounds one drain so a queue that keeps refilling cannot hold a job forever; the sweep picks up the rest. */
const maxDrainRounds = 100;

const drainTenant = (drain: DrainQueueUseCase, tenantId: string): Effect.Effect<number, StoreUnavailable> =>
  Effect.gen(function* () {
    let assigned = 0;
    for (let round = 0; round < maxDrainRounds; round++) {
      const result = yield* drain.execute({ tenantId });
      assigned += result.assigned;
      if (!result.more) break;
    }
    return assigned;
  }).pipe(Effect.catchTag('NotFound', () => Effect.succeed(0)));

/** The allocator as a job: allocates the ticket an event names, or drains the tenant's queue. Idempotent. */
export const allocationHandler = (deps: AllocationJobDeps): JobHandler => {
  const allocate = new AllocateTicketUseCase(deps);
  const drain = new DrainQueueUseCase(deps);
  const coalesced = coalesceByKey();
  return {
    name: 'allocation',
    eventTypes: triggeringTypes,
    handles: (event) => allocationTrigger(event) !== null,
    handle: (event) => {
      const trigger = allocationTrigger(event);
      if (trigger === null) return Effect.void;
      if (trigger.ticketId === null) return coalesced(trigger.tenantId, drainTenant(drain, trigger.tenantId).pipe(Effect.asVoid));
      const target = { tenantId: trigger.tenantId, ticketId: trigger.ticketId };
      const allocateIt = allocate.execute(target).pipe(
        Effect.asVoid,
        // A ticket or tenant that is gone has nothing left to allocate.
        Effect.catchTag('NotFound', () => Effect.void),
      );
      if (event.type === 'ticket.unassigned') return allocateIt;
      // A burst leaves one job per ticket; once an earlier batch took the ticket, its job would only repeat a full drain under the tenant lock.
      return deps.uow
        .read((store) => store.tickets.get(target.tenantId, target.ticketId))
        .pipe(Effect.flatMap((ticket) => (ticket !== null && !isWaiting(ticket) ? Effect.void : allocateIt)));
    },
  };
};

export interface SweepReport {
  readonly tenants: number;
  readonly assigned: number;
}

/** Drains the queue of every tenant with waiting tickets (agents come online and capacity frees without an event we see). */
export const allocationSweep = (deps: AllocationJobDeps): (() => Effect.Effect<SweepReport, StoreUnavailable>) => {
  const drain = new DrainQueueUseCase(deps);
  return () =>
    Effect.gen(function* () {
      const tenants = yield* deps.directory.withWaitingTickets();
      let assigned = 0;
      for (const tenantId of tenants) assigned += yield* drainTenant(drain, tenantId);
      return { tenants: tenants.length, assigned };
    });
};
