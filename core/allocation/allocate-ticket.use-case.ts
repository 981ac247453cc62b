import { Effect } from 'effect';
import { NotFound, type StoreUnavailable } from '../shared/errors.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { AllocateTicketsUseCase, type AllocationOutcome } from './allocate-tickets.use-case.ts';
import type { AllocationEnv } from './drain-batch.ts';

export interface AllocateTicketInput {
  readonly tenantId: string;
  readonly ticketId: string;
}

export interface AllocateTicketDeps extends AllocationEnv {
  readonly uow: UnitOfWork;
  readonly batchSize?: number;
}

/** Allocates one waiting ticket by draining its tenant's queue; if it still waits, says so once (`allocation.queued`). */
export class AllocateTicketUseCase {
  readonly #tickets: AllocateTicketsUseCase;

  constructor(deps: AllocateTicketDeps) {
    this.#tickets = new AllocateTicketsUseCase(deps);
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(input: AllocateTicketInput): Effect.Effect<AllocationOutcome, NotFound | StoreUnavailable> {
    return this.#tickets.execute({ tenantId: input.tenantId, ticketIds: [input.ticketId] }).pipe(
      Effect.flatMap((outcomes) => {
        const outcome = outcomes.get(input.ticketId);
        return outcome === undefined || outcome.outcome === 'not_found' ? Effect.fail(new NotFound({ entity: 'ticket' })) : Effect.succeed(outcome);
      }),
    );
  }
}
