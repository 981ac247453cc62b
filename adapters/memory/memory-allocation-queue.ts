import type { MemoryDatabase } from './memory-database.ts';
import type { AllocationQueue } from '../../core/allocation/allocation.port.ts';

// STUB: to be implemented.
export class MemoryAllocationQueue implements AllocationQueue {
  readonly #db: MemoryDatabase;
  constructor(db: MemoryDatabase) {
    this.#db = db;
  }
} 
