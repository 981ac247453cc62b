import { Effect } from 'effect';
import type { NotFound, StoreUnavailable } from '../shared/errors.ts';
import { domainEvent, type AllocationDecision } from '../shared/events.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { isWaiting } from './allocation.policy.ts';
import { drainBatch, type AllocationEnv } from './drain-batch.ts';

export interface AllocateTicketsInput {
  readonly tenantId: string;
  /** Tickets to allocate; the queue is drained for all of them at once (duplicates count once). */
  readonly ticketIds: ReadonlyArray<string>;
}

/** What allocating one waiting ticket came to. */
export type AllocationOutcome =
  | { readonly outcome: 'assigned'; readonly agentId: string }
  | { readonly outcome: 'queued'; readonly decision: AllocationDecision }
  /** Already assigned, resolved, closed or never queued (the queue was still drained once: capacity may have freed). */
  | { readonly outcome: 'not_waiting' };

/** Per ticket asked for; `not_found` for a ticket the tenant does not have. */
export type TicketOutcome = AllocationOutcome | { readonly outcome: 'not_found' };

export interface AllocateTicketsDeps extends AllocationEnv {
  readonly uow: UnitOfWork;
  readonly batchSize?: number;
}

/**
 * Allocates several waiting tickets of one tenant by draining its queue once for all of them (exclusive
 * sections of `batchSize` tickets, in queue order, until no agent has room or the queue is empty), then
 * announces `allocation.queued` once for each of them that still waits — in the last section, so the
 * decision it names is the one that left it waiting. A burst of N new tickets costs one drain, not N.
 */
export class AllocateTicketsUseCase {
  readonly #deps: AllocateTicketsDeps;

  constructor(deps: AllocateTicketsDeps) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(input: AllocateTicketsInput): Effect.Effect<ReadonlyMap<string, TicketOutcome>, NotFound | StoreUnavailable> {
    const deps = this.#deps;
    const { tenantId } = input;
    const asked = [...new Set(input.ticketIds)];
    const assigned = new Map<string, string>();
    const section = deps.uow.exclusive(tenantId, (store) =>
      Effect.gen(function* () {
        const batch = yield* drainBatch(store, deps, tenantId, deps.batchSize ?? 50);
        if (batch.more) return { batch, outcomes: null };
        const outcomes = new Map<string, TicketOutcome>();
        const queued = [];
        for (const ticketId of asked) {
          const agentId = assigned.get(ticketId) ?? batch.assignments.find((a) => a.ticketId === ticketId)?.agentId;
          if (agentId !== undefined) {
            outcomes.set(ticketId, { outcome: 'assigned', agentId });
            continue;
          }
          const ticket = yield* store.tickets.get(tenantId, ticketId);
          if (ticket === null) outcomes.set(ticketId, { outcome: 'not_found' });
          else if (!isWaiting(ticket)) outcomes.set(ticketId, { outcome: 'not_waiting' });
          else {
            outcomes.set(ticketId, { outcome: 'queued', decision: batch.next });
            queued.push(domainEvent('allocation.queued', { id: deps.ids.next(), tenantId, occurredAt: deps.clock.now() }, { ticketId, decision: batch.next }));
          }
        }
        if (queued.length > 0) yield* store.outbox.append(queued);
        return { batch, outcomes };
      }),
    );
    return Effect.gen(function* () {
      for (;;) {
        // Only a committed section's assignments count (a retried one starts again from what the store has).
        const { batch, outcomes } = yield* section;
        for (const a of batch.assignments) assigned.set(a.ticketId, a.agentId);
        if (outcomes !== null) return outcomes;
      }
    });
  }
}
