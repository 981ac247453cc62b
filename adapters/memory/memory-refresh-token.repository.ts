import type { MemoryDatabase } from './memory-database.ts';
import type { RefreshTokenRepository } from '../../core/access/refresh-token.port.ts';

// STUB: to be implemented.
export class MemoryRefreshTokenRepository implements RefreshTokenRepository {
  readonly #db: MemoryDatabase;
  constructor(db: MemoryDatabase) {
    this.#db = db;
  }
} 
