import { Effect } from 'effect';
import type { StoreUnavailable } from '../../core/shared/errors.ts';
import type { DomainEvent } from '../../core/shared/events.ts';
import type { Store, UnitOfWork } from '../../core/shared/unit-of-work.port.ts';

/** Who to tell when a unit of work that appended outbox rows has committed (this process's relays, its metrics, its live-event streams), with those events. */
export class CommitSignal {
  readonly #listeners = new Set<(events: ReadonlyArray<DomainEvent>) => void>();

  /** Returns the unsubscribe function. */
  subscribe(listener: (events: ReadonlyArray<DomainEvent>) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  notify(events: ReadonlyArray<DomainEvent>): void {
    for (const listener of this.#listeners) listener(events);
  }
}

/**
 * The same unit of work, telling `signal` after each commit that appended events, so the process's own
 * relay publishes them at once; polling stays as the fallback for rows other processes wrote.
 */
export const wakeOnCommit = (uow: UnitOfWork, signal: CommitSignal): UnitOfWork => {
  const watching = <A, E>(run: (work: (store: Store) => Effect.Effect<A, E>) => Effect.Effect<A, E | StoreUnavailable>, work: (store: Store) => Effect.Effect<A, E>) =>
    Effect.suspend(() => {
      let appended: Array<DomainEvent> = [];
      const watched = (store: Store): Store => ({
        ...store,
        outbox: { append: (events) => (appended.push(...events), store.outbox.append(events)) },
      });
      // A retried unit of work runs `work` again: only the attempt that committed counts.
      const attempt = (store: Store) => ((appended = []), work(watched(store)));
      return run(attempt).pipe(Effect.tap(() => (appended.length > 0 ? Effect.sync(() => signal.notify(appended)) : Effect.void)));
    });
  return {
    transaction: (work) => watching((w) => uow.transaction(w), work),
    exclusive: (tenantId, work) => watching((w) => uow.exclusive(tenantId, w), work),
    read: (work) => uow.read(work),
  };
};
