import { Effect } from 'effect';
import type { StoreUnavailable } from '../../core/shared/errors.ts';
import type { Store, UnitOfWork } from '../../core/shared/unit-of-work.port.ts';

/** Who to tell when a unit of work that appended outbox rows has committed (this process's relays). */
export class CommitSignal {
  readonly #listeners = new Set<() => void>();

  /** Returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  notify(): void {
    for (const listener of this.#listeners) listener();
  }
}

/**
 * The same unit of work, telling `signal` after each commit that appended events, so the process's own
 * relay publishes them at once; polling stays as the fallback for rows other processes wrote.
 */
export const wakeOnCommit = (uow: UnitOfWork, signal: CommitSignal): UnitOfWork => {
  const watching = <A, E>(run: (work: (store: Store) => Effect.Effect<A, E>) => Effect.Effect<A, E | StoreUnavailable>, work: (store: Store) => Effect.Effect<A, E>) =>
    Effect.suspend(() => {
      let appended = false;
      const watched = (store: Store): Store => ({
        ...store,
        outbox: { append: (events) => ((appended ||= events.length > 0), store.outbox.append(events)) },
      });
      return run((store) => work(watched(store))).pipe(Effect.tap(() => (appended ? Effect.sync(() => signal.notify()) : Effect.void)));
    });
  return {
    transaction: (work) => watching((w) => uow.transaction(w), work),
    exclusive: (tenantId, work) => watching((w) => uow.exclusive(tenantId, w), work),
    read: (work) => uow.read(work),
  };
};
