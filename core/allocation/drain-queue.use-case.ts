import { Effect } from 'effect';
import type { NotFound, StoreUnavailable } from '../shared/errors.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { drainBatch, type AllocationEnv, type Assignment } from './drain-batch.ts';

export interface DrainQueueInput {
  readonly tenantId: string;
}

export interface DrainQueueResult {
  readonly assigned: number;
  readonly assignments: ReadonlyArray<Assignment>;
  /** Call again: the batch was used up while agents still had room. */
  readonly more: boolean;
}

export interface DrainQueueDeps extends AllocationEnv {
  readonly uow: UnitOfWork;
  /** Most tickets assigned per call (one exclusive section); default 50. */
  readonly batchSize?: number;
}

/** Assigns a tenant's waiting tickets in queue order while some agent has room (system use case). */
export class DrainQueueUseCase {
  readonly #deps: DrainQueueDeps;

  constructor(deps: DrainQueueDeps) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(input: DrainQueueInput): Effect.Effect<DrainQueueResult, NotFound | StoreUnavailable> {
    const deps = this.#deps;
    return deps.uow
      .exclusive(input.tenantId, (store) => drainBatch(store, deps, input.tenantId, deps.batchSize ?? 50))
      .pipe(Effect.map(({ assignments, more }) => ({ assigned: assignments.length, assignments, more })));
  }
}
