import type { DuplicateKey, Stored } from '../shared/errors.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import type { Channel, ChannelDelivery } from './channel.ts';

/** Inbound channels (signed webhooks) of every tenant. */
export interface ChannelRepository {
  /** Stores a new channel. */
  insert(channel: Channel): Stored<void>;
  /** By its public key, across tenants (keys are globally unique). */
  findByKey(key: string): Stored<Channel | null>;
  /** Oldest first, by id. */
  list(tenantId: string, page: PageRequest): Stored<Page<Channel>>;
  /** The channel's delivery with this id received at or after `since`, if any. */
  findDelivery(tenantId: string, channelId: string, deliveryId: string, since: Date): Stored<ChannelDelivery | null>;
  /** Remembers a delivery; `DuplicateKey` when the channel holds one with the same id (a unique key, so concurrent duplicates too). */
  recordDelivery(delivery: ChannelDelivery): Stored<void, DuplicateKey>;
  /** Forgets the channel's deliveries received before `before`. */
  forgetDeliveries(tenantId: string, channelId: string, before: Date): Stored<void>;
  /** Forgets up to `limit` deliveries of any channel received before `before`; how many went. */
  pruneDeliveries(before: Date, limit: number): Stored<number>;
}
