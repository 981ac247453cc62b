import type { MemoryDatabase } from './memory-database.ts';
import type { TicketRepository } from '../../core/tickets/ticket.port.ts';

// STUB: to be implemented.
export class MemoryTicketRepository implements TicketRepository {
  readonly #db: MemoryDatabase;
  constructor(db: MemoryDatabase) {
    this.#db = db;
  }
} 
