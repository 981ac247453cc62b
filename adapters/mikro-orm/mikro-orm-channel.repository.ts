import { Effect } from 'effect';
import type { InferEntity } from '@mikro-orm/core';
import type { ChannelRepository } from '../../core/channels/channel.port.ts';
import type { Channel } from '../../core/channels/channel.ts';
import type { Stored } from '../../core/shared/errors.ts';
import type { Page, PageRequest } from '../../core/shared/page.ts';
import { ChannelEntity } from './schema/entities.ts';
import { sql } from './sql-effect.ts';
import { pageFrom } from './sql-page.ts';
import { fresh, type SqlSession } from './sql-session.ts';

type ChannelRow = InferEntity<typeof ChannelEntity>;

const toChannel = (row: ChannelRow): Channel => ({
  id: row.id,
  tenantId: row.tenantId,
  name: row.name,
  key: row.key,
  secret: row.secret,
  createdAt: row.createdAt,
});

export class MikroOrmChannelRepository implements ChannelRepository {
  readonly #session: SqlSession;

  constructor(session: SqlSession) {
    this.#session = session;
  }

  insert(channel: Channel): Stored<void> {
    return sql(() => this.#session.em.insert(ChannelEntity, { ...channel })).pipe(Effect.asVoid);
  }

  findByKey(key: string): Stored<Channel | null> {
    return sql(() => this.#session.em.findOne(ChannelEntity, { key }, fresh)).pipe(Effect.map((row) => (row ? toChannel(row) : null)));
  }

  list(tenantId: string, page: PageRequest): Stored<Page<Channel>> {
    const where = { tenantId, ...(page.after === null ? {} : { id: { $gt: page.after } }) };
    return sql(() => this.#session.em.find(ChannelEntity, where, { ...fresh, orderBy: { id: 'asc' }, limit: page.limit + 1 })).pipe(
      Effect.map((rows) => pageFrom(rows.map(toChannel), page, (c) => c.id)),
    );
  }
}
