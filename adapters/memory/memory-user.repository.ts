import type { MemoryDatabase } from './memory-database.ts';
import type { UserRepository } from '../../core/access/user.port.ts';

// STUB: to be implemented.
export class MemoryUserRepository implements UserRepository {
  readonly #db: MemoryDatabase;
  constructor(db: MemoryDatabase) {
    this.#db = db;
  }
} 
