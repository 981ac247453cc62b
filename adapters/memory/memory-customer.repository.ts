import type { MemoryDatabase } from './memory-database.ts';
import type { CustomerRepository } from '../../core/tickets/customer.port.ts';

// STUB: to be implemented.
export class MemoryCustomerRepository implements CustomerRepository {
  readonly #db: MemoryDatabase;
  constructor(db: MemoryDatabase) {
    this.#db = db;
  }
} 
