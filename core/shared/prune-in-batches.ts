import { Effect } from 'effect';
import type { StoreUnavailable, Stored } from './errors.ts';
import type { Store, UnitOfWork } from './unit-of-work.port.ts';

/** Runs `prune(store, batch)` a transaction at a time until a batch comes back short; how many rows went in all. */
export const pruneInBatches = (uow: UnitOfWork, batch: number, prune: (store: Store, limit: number) => Stored<number>): Effect.Effect<number, StoreUnavailable> =>
  Effect.gen(function* () {
    let total = 0;
    for (;;) {
      const pruned = yield* uow.transaction((store) => prune(store, batch));
      total += pruned;
      if (pruned < batch) return total;
    }
  });
