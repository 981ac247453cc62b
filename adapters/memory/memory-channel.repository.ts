import { Effect } from 'effect';
import type { ChannelRepository } from '../../core/channels/channel.port.ts';
import type { Channel, ChannelDelivery } from '../../core/channels/channel.ts';
import { DuplicateKey, type Stored } from '../../core/shared/errors.ts';
import type { Page, PageRequest } from '../../core/shared/page.ts';
import type { MemoryDatabase } from './memory-database.ts';
import { pageOf } from './memory-page.ts';

const deliveryKey = (channelId: string, deliveryId: string): string => `${channelId}:${deliveryId}`;

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

  findDelivery(tenantId: string, channelId: string, deliveryId: string, since: Date): Stored<ChannelDelivery | null> {
    return Effect.sync(() => {
      const found = this.#db.channelDeliveries.get(deliveryKey(channelId, deliveryId));
      return found !== undefined && found.tenantId === tenantId && found.receivedAt >= since ? found : null;
    });
  }

  recordDelivery(delivery: ChannelDelivery): Stored<void, DuplicateKey> {
    return Effect.suspend(() => {
      const key = deliveryKey(delivery.channelId, delivery.deliveryId);
      if (this.#db.channelDeliveries.get(key) !== undefined) return Effect.fail(new DuplicateKey({ key: 'channel_deliveries.id' }));
      this.#db.channelDeliveries.set(key, delivery);
      return Effect.void;
    });
  }

  forgetDeliveries(tenantId: string, channelId: string, before: Date): Stored<void> {
    return Effect.sync(() => {
      const expired = [...this.#db.channelDeliveries.values()].filter(
        (d) => d.tenantId === tenantId && d.channelId === channelId && d.receivedAt < before,
      );
      for (const d of expired) this.#db.channelDeliveries.delete(deliveryKey(d.channelId, d.deliveryId));
    });
  }

  pruneDeliveries(before: Date, limit: number): Stored<number> {
    return Effect.sync(() => {
      const expired = [...this.#db.channelDeliveries.values()].filter((d) => d.receivedAt < before).slice(0, limit);
      for (const d of expired) this.#db.channelDeliveries.delete(deliveryKey(d.channelId, d.deliveryId));
      return expired.length;
    });
  }
}
