import type { MemoryDatabase } from './memory-database.ts';
import type { ChannelRepository } from '../../core/channels/channel.port.ts';

// STUB: to be implemented.
export class MemoryChannelRepository implements ChannelRepository {
  readonly #db: MemoryDatabase;
  constructor(db: MemoryDatabase) {
    this.#db = db;
  }
} 
