import type { Effect } from 'effect';
import type { StoreUnavailable } from '../shared/errors.ts';
import { pruneInBatches } from '../shared/prune-in-batches.ts';
import type { Clock } from '../shared/ports.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { redeliveryHorizon } from './channel.ops.ts';

export interface PruneChannelDeliveriesDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly batchSize?: number;
}

/**
 * Drops channel deliveries past the redelivery window, a batch per transaction; returns how many went.
 * Only storage: a lookup already ignores expired ones, and intake forgets an expired one its id collides with.
 */
export class PruneChannelDeliveriesUseCase {
  readonly #deps: PruneChannelDeliveriesDeps;

  constructor(deps: PruneChannelDeliveriesDeps) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(): Effect.Effect<number, StoreUnavailable> {
    const { uow, clock } = this.#deps;
    const before = redeliveryHorizon(clock.now());
    return pruneInBatches(uow, this.#deps.batchSize ?? 5000, (store, limit) => store.channels.pruneDeliveries(before, limit));
  }
}
