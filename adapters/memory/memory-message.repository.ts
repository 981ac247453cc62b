import type { MemoryDatabase } from './memory-database.ts';
import type { MessageRepository } from '../../core/tickets/message.port.ts';

// STUB: to be implemented.
export class MemoryMessageRepository implements MessageRepository {
  readonly #db: MemoryDatabase;
  constructor(db: MemoryDatabase) {
    this.#db = db;
  }
} 
