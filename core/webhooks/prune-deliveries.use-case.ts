import type { Effect } from 'effect';
import type { StoreUnavailable } from '../shared/errors.ts';
import { pruneInBatches } from '../shared/prune-in-batches.ts';
import type { Clock } from '../shared/ports.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';

/** Delivered and failed deliveries stay in an endpoint's delivery log this long after they were created (retries end after 3 days). */
export const deliveryRetentionMs = 7 * 24 * 3600_000;

export interface PruneDeliveriesDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly batchSize?: number;
}

/** Drops delivered and failed webhook deliveries older than the retention, a batch per transaction; pending ones stay. Returns how many went. */
export class PruneDeliveriesUseCase {
  readonly #deps: PruneDeliveriesDeps;

  constructor(deps: PruneDeliveriesDeps) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(): Effect.Effect<number, StoreUnavailable> {
    const { uow, clock } = this.#deps;
    const batch = this.#deps.batchSize ?? 5000;
    const before = new Date(clock.now().getTime() - deliveryRetentionMs);
    return pruneInBatches(uow, batch, (store, limit) => store.webhooks.pruneDeliveries(before, limit));
  }
}
