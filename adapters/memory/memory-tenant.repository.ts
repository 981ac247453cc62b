import type { MemoryDatabase } from './memory-database.ts';
import type { TenantRepository } from '../../core/tenancy/tenant.port.ts';

// STUB: to be implemented.
export class MemoryTenantRepository implements TenantRepository {
  readonly #db: MemoryDatabase;
  constructor(db: MemoryDatabase) {
    this.#db = db;
  }
} 
