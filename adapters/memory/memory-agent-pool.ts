import type { MemoryDatabase } from './memory-database.ts';
import type { AgentPool } from '../../core/allocation/allocation.port.ts';

// STUB: to be implemented.
export class MemoryAgentPool implements AgentPool {
  readonly #db: MemoryDatabase;
  constructor(db: MemoryDatabase) {
    this.#db = db;
  }
} 
