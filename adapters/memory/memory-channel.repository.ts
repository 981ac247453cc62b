import { Effect } from 'effect';
import type { ChannelRepository } from '../../core/channels/channel.port.ts';
import type { Channel } from '../../core/channels/channel.ts';
import type { Stored } from '../../core/shared/errors.ts';
import type { Page, PageRequest } from '../../core/shared/page.ts';
import type { MemoryDatabase } from './memory-database.ts';
import { pageOf } from './memory-page.ts';

export class MemoryChannelRepository implements ChannelRepository {
  readonly #db: MemoryDatabase;

  constructor(db: MemoryDatabase) {
    this.#db = db;
  }

  insert(channel: Channel): Stored<void> {
    return Effect.sync(() => this.#db.channels.set(channel.id, channel));
  }

  findByKey(key: string): Stored<Channel | null> {
    return Effect.sync(() => [...this.#db.channels.values()].find((channel) => channel.key === key) ?? null);
  }

  list(tenantId: string, page: PageRequest): Stored<Page<Channel>> {
    return Effect.sync(() => {
      const rows = [...this.#db.channels.values()].filter((c) => c.tenantId === tenantId).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return pageOf(rows, page, (c) => c.id, (c, position) => c.id > position);
    });
  }
}
