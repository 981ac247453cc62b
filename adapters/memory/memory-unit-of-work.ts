import { Effect } from 'effect';
import type { StoreUnavailable } from '../../core/shared/errors.ts';
import type { Store, UnitOfWork } from '../../core/shared/unit-of-work.port.ts';
import { MemoryDatabase } from './memory-database.ts';
import { memoryStore } from './memory-store.ts';
import { recordingEvents } from '../../core/events/recording-store.ts';

/** The in-memory unit of work: every unit runs alone and is rolled back on failure. */
export class MemoryUnitOfWork implements UnitOfWork {
  readonly db: MemoryDatabase;
  readonly #store: Store;

  constructor(db: MemoryDatabase = new MemoryDatabase()) {
    this.db = db;
    this.#store = memoryStore(db);
  }

  transaction<A, E>(work: (store: Store) => Effect.Effect<A, E>): Effect.Effect<A, E | StoreUnavailable> {
    return this.db.atomically(Effect.suspend(() => work(recordingEvents(this.#store))));
  }

  exclusive<A, E>(_tenantId: string, work: (store: Store) => Effect.Effect<A, E>): Effect.Effect<A, E | StoreUnavailable> {
    return this.transaction(work);
  }

  read<A, E>(work: (store: Store) => Effect.Effect<A, E>): Effect.Effect<A, E | StoreUnavailable> {
    return this.db.atomically(work(this.#store));
  }
}
