import { Effect } from 'effect';
import { AllocateTicketsUseCase } from '../../core/allocation/allocate-tickets.use-case.ts';
import { allocationTrigger } from '../../core/allocation/allocation-trigger.ts';
import { isWaiting } from '../../core/allocation/allocation.policy.ts';
import { DrainQueueUseCase } from '../../core/allocation/drain-queue.use-case.ts';
import { batchByKey } from '../../core/shared/coalesce.ts';
import type { StoreUnavailable } from '../../core/shared/errors.ts';
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

/**
 * The allocator as a job: drains the queue of the tenant an event names and announces `allocation.queued`
 * for the tickets it named that still wait. Triggers for one tenant that arrive while its drain runs are
 * batched into one next drain (`batchByKey`): a burst of N new tickets costs two drains in a process,
 * not N, and each job still returns only once a drain covered it. Idempotent.
 */
export const allocationHandler = (deps: AllocationJobDeps): EventHandler => {
  const allocate = new AllocateTicketsUseCase(deps);
  const drain = new DrainQueueUseCase(deps);
  const batched = batchByKey<string | null>();
  const pass = (tenantId: string, asked: ReadonlyArray<string | null>): Effect.Effect<void, StoreUnavailable> => {
    const ticketIds = asked.filter((id): id is string => id !== null);
    if (ticketIds.length === 0) return drainTenant(drain, tenantId).pipe(Effect.asVoid);
    // A tenant that is gone has nothing left to allocate.
    return allocate.execute({ tenantId, ticketIds }).pipe(Effect.asVoid, Effect.catchTag('NotFound', () => Effect.void));
  };
  return {
    name: 'allocation',
    concurrent: true,
    handles: (event) => allocationTrigger(event) !== null,
    handle: (event) => {
      const trigger = allocationTrigger(event);
      if (trigger === null) return Effect.void;
      const { tenantId, ticketId } = trigger;
      const join = batched(tenantId, ticketId, (asked) => pass(tenantId, asked));
      if (ticketId === null || event.type === 'ticket.unassigned') return join;
      // Once another drain (maybe another process's) took the ticket, its job would only repeat a drain under the tenant lock.
      return deps.uow
        .read((store) => store.tickets.get(tenantId, ticketId))
        .pipe(Effect.flatMap((ticket) => (ticket !== null && !isWaiting(ticket) ? Effect.void : join)));
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
