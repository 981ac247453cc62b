import { Effect, Result } from 'effect';
import type { InferEntity } from '@mikro-orm/core';
import type { ChannelRepository } from '../../core/channels/channel.port.ts';
import type { Channel, ChannelDelivery } from '../../core/channels/channel.ts';
import type { SecretCipher } from '../../core/integrations/integration.port.ts';
import { StoreUnavailable, type DuplicateKey, type Stored } from '../../core/shared/errors.ts';
import type { Page, PageRequest } from '../../core/shared/page.ts';
import { ChannelEntity } from './schema/entities.ts';
import { sql, sqlWrite } from './sql-effect.ts';
import { pageFrom } from './sql-page.ts';
import { fresh, type SqlSession } from './sql-session.ts';
import { queryRows, runDeferrable, runStatement, sqlDate, type RawRow } from './sql-statements.ts';

type ChannelRow = InferEntity<typeof ChannelEntity>;

const toChannel = (row: ChannelRow, cipher: SecretCipher): Stored<Channel> =>
  Effect.sync(() => cipher.open(row.secretSealed)).pipe(
    Effect.flatMap(
      Result.match({
        onSuccess: (secret) => Effect.succeed({ id: row.id, tenantId: row.tenantId, name: row.name, key: row.key, secret, createdAt: row.createdAt }),
        // A secret sealed under another key (or altered) cannot be served: the store fails, it does not guess.
        onFailure: (cause) => Effect.fail(new StoreUnavailable({ cause })),
      }),
    ),
  );

const channelOfRaw = (row: RawRow): ChannelRow => ({
  id: String(row['id']),
  tenantId: String(row['tenant_id']),
  name: String(row['name']),
  key: String(row['key']),
  secretSealed: String(row['secret_sealed']),
  createdAt: sqlDate(row['created_at']),
});

const toDelivery = (row: RawRow): ChannelDelivery => ({
  tenantId: String(row['tenant_id']),
  channelId: String(row['channel_id']),
  deliveryId: String(row['delivery_id']),
  receivedAt: sqlDate(row['received_at']),
  ticketId: String(row['ticket_id']),
  messageId: String(row['message_id']),
  customerId: String(row['customer_id']),
});

const selectDelivery =
  'select `tenant_id`, `channel_id`, `delivery_id`, `received_at`, `ticket_id`, `message_id`, `customer_id` from `channel_deliveries` ' +
  'where `channel_id` = ? and `delivery_id` = ? and `tenant_id` = ? and `received_at` >= ?';
const insertDelivery =
  'insert into `channel_deliveries` (`channel_id`, `delivery_id`, `tenant_id`, `received_at`, `ticket_id`, `message_id`, `customer_id`) values (?, ?, ?, ?, ?, ?, ?)';
const deleteDeliveries = 'delete from `channel_deliveries` where `channel_id` = ? and `received_at` < ? and `tenant_id` = ?';
// Per channel, on `channel_deliveries_received_index` (channel, received_at); SQLite's DELETE takes no LIMIT.
const pruneChannel = (dialect: SqlSession['dialect']): string =>
  dialect === 'mysql'
    ? 'delete from `channel_deliveries` where `channel_id` = ? and `received_at` < ? limit ?'
    : 'delete from `channel_deliveries` where rowid in (select rowid from `channel_deliveries` where `channel_id` = ? and `received_at` < ? limit ?)';

export class MikroOrmChannelRepository implements ChannelRepository {
  readonly #session: SqlSession;
  readonly #cipher: SecretCipher;

  constructor(session: SqlSession, cipher: SecretCipher) {
    this.#session = session;
    this.#cipher = cipher;
  }

  insert(channel: Channel): Stored<void> {
    const { secret, ...rest } = channel;
    return Effect.sync(() => this.#cipher.seal(secret)).pipe(
      Effect.flatMap((secretSealed) => sql(() => this.#session.em.insert(ChannelEntity, { ...rest, secretSealed }))),
      Effect.asVoid,
    );
  }

  findByKey(key: string): Stored<Channel | null> {
    // Hot (every webhook): hand-written, on `channels_key_unique`.
    return sql(() => queryRows(this.#session, 'select * from `channels` where `key` = ? limit 1', [key])).pipe(
      Effect.flatMap((rows) => (rows[0] === undefined ? Effect.succeed(null) : toChannel(channelOfRaw(rows[0]), this.#cipher))),
    );
  }

  list(tenantId: string, page: PageRequest): Stored<Page<Channel>> {
    const where = { tenantId, ...(page.after === null ? {} : { id: { $gt: page.after } }) };
    return sql(() => this.#session.em.find(ChannelEntity, where, { ...fresh, orderBy: { id: 'asc' }, limit: page.limit + 1 })).pipe(
      Effect.flatMap((rows) => Effect.forEach(rows, (row) => toChannel(row, this.#cipher))),
      Effect.map((channels) => pageFrom(channels, page, (c) => c.id)),
    );
  }

  findDelivery(tenantId: string, channelId: string, deliveryId: string, since: Date): Stored<ChannelDelivery | null> {
    return sql(() => queryRows(this.#session, selectDelivery, [channelId, deliveryId, tenantId, since])).pipe(
      Effect.map((rows) => (rows[0] === undefined ? null : toDelivery(rows[0]))),
    );
  }

  recordDelivery(d: ChannelDelivery): Stored<void, DuplicateKey> {
    const params = [d.channelId, d.deliveryId, d.tenantId, d.receivedAt, d.ticketId, d.messageId, d.customerId];
    return sqlWrite('channel_deliveries.id', () => runStatement(this.#session, insertDelivery, params)).pipe(Effect.asVoid);
  }

  // Nobody reads the result: in a MySQL transaction it travels with COMMIT.
  forgetDeliveries(tenantId: string, channelId: string, before: Date): Stored<void> {
    return sql(() => runDeferrable(this.#session, deleteDeliveries, [channelId, before, tenantId]));
  }

  pruneDeliveries(before: Date, limit: number): Stored<number> {
    const session = this.#session;
    return sql(async () => {
      let pruned = 0;
      for (const row of await queryRows(session, 'select `id` from `channels` order by `id`', [])) {
        if (pruned >= limit) break;
        pruned += (await runStatement(session, pruneChannel(session.dialect), [String(row['id']), before, limit - pruned])).affectedRows;
      }
      return pruned;
    });
  }
}
