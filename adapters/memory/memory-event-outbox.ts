import type { MemoryDatabase } from './memory-database.ts';
import type { EventOutbox } from '../../core/shared/outbox.port.ts';

// STUB: to be implemented.
export class MemoryEventOutbox implements EventOutbox {
  readonly #db: MemoryDatabase;
  constructor(db: MemoryDatabase) {
    this.#db = db;
  }
} 
