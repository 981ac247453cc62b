import { Effect } from 'effect';
import { NotFound, type StoreUnavailable } from '../shared/errors.ts';
import { domainEvent, type AllocationDecision } from '../shared/events.ts';
import type { Store, UnitOfWork } from '../shared/unit-of-work.port.ts';
import { isWaiting } from './allocation.policy.ts';
import { drainBatch, type AllocationEnv } from './drain-batch.ts';

export interface AllocateTicketInput {
  readonly tenantId: string;
  readonly ticketId: string;
}

export type AllocationOutcome =
  | { readonly outcome: 'assigned'; readonly agentId: string }
  | { readonly outcome: 'queued'; readonly decision: AllocationDecision }
  /** Already assigned, resolved, closed or never queued (the queue was still drained once: capacity may have freed). */
  | { readonly outcome: 'not_waiting' };

export interface AllocateTicketDeps extends AllocationEnv {
  readonly uow: UnitOfWork;
  readonly batchSize?: number;
}

type Step = AllocationOutcome | { readonly outcome: 'again' };

/** Allocates one waiting ticket by draining its tenant's queue; if it still waits, says so once (`allocation.queued`). */
export class AllocateTicketUseCase {
  readonly #deps: AllocateTicketDeps;

  constructor(deps: AllocateTicketDeps) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(input: AllocateTicketInput): Effect.Effect<AllocationOutcome, NotFound | StoreUnavailable> {
    const step = (): Effect.Effect<Step, NotFound | StoreUnavailable> =>
      this.#deps.uow.exclusive(input.tenantId, (store) => this.#step(store, input));
    return Effect.gen(function* () {
      for (;;) {
        const result = yield* step();
        if (result.outcome !== 'again') return result;
      }
    });
  }

  #step(store: Store, { tenantId, ticketId }: AllocateTicketInput): Effect.Effect<Step, NotFound | StoreUnavailable> {
    const deps = this.#deps;
    return Effect.gen(function* () {
      const before = yield* store.tickets.get(tenantId, ticketId);
      if (before === null) return yield* Effect.fail(new NotFound({ entity: 'ticket' }));
      const batch = yield* drainBatch(store, deps, tenantId, deps.batchSize ?? 50);
      if (!isWaiting(before)) return { outcome: 'not_waiting' } as const;
      const mine = batch.assignments.find((a) => a.ticketId === ticketId);
      if (mine !== undefined) return { outcome: 'assigned', agentId: mine.agentId } as const;
      if (batch.more) return { outcome: 'again' } as const;
      const after = yield* store.tickets.get(tenantId, ticketId);
      if (after === null || !isWaiting(after)) return { outcome: 'not_waiting' } as const;
      const now = deps.clock.now();
      yield* store.outbox.append([
        domainEvent('allocation.queued', { id: deps.ids.next(), tenantId, occurredAt: now }, { ticketId, decision: batch.next }),
      ]);
      return { outcome: 'queued', decision: batch.next } as const;
    });
  }
}
