import type { Effect } from 'effect';
import type { StoreUnavailable } from '../shared/errors.ts';
import { pruneInBatches } from '../shared/prune-in-batches.ts';
import type { Clock } from '../shared/ports.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';

/** Events are kept at least this long: a stream can resume from any id of the last day. */
export const eventRetentionMs = 24 * 3600_000;

export interface PruneEventsDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly batchSize?: number;
}

/** Drops stored events older than the retention, a batch per transaction; returns how many went. */
export class PruneEventsUseCase {
  readonly #deps: PruneEventsDeps;

  constructor(deps: PruneEventsDeps) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(): Effect.Effect<number, StoreUnavailable> {
    const { uow, clock } = this.#deps;
    const batch = this.#deps.batchSize ?? 5000;
    const before = new Date(clock.now().getTime() - eventRetentionMs);
    return pruneInBatches(uow, batch, (store, limit) => store.events.prune(before, limit));
  }
}
