import type { Stored } from '../shared/errors.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import type { Channel } from './channel.ts';

export interface ChannelRepository {
  insert(channel: Channel): Stored<void>;
  /** By its public key, across tenants (keys are globally unique). */
  findByKey(key: string): Stored<Channel | null>;
  /** Oldest first, by id. */
  list(tenantId: string, page: PageRequest): Stored<Page<Channel>>;
}
