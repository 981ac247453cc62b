import { createHmac, randomBytes } from 'node:crypto';
import { Result } from 'effect';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { verifyStandardWebhook } from '../../../adapters/crypto/standard-webhooks.ts';
import { mysqlMigrations } from '../../../adapters/mikro-orm/migrations/mysql/index.ts';
import { sqliteMigrations } from '../../../adapters/mikro-orm/migrations/sqlite/index.ts';
import type { SwitchboardDatabase } from '../../../adapters/mikro-orm/open-database.ts';
import { aChannel, aTenant, seed } from '../../support/allocation-builders.ts';
import { testSecrets } from '../../support/databases.ts';
import { dialects, openedFor, reading } from './persistence-env.ts';

type RawRow = Record<string, unknown>;

const channelRows = (db: SwitchboardDatabase, id: string): Promise<RawRow[]> =>
  db.orm.em.fork().getConnection().execute<RawRow[]>('select * from channels where id = ?', [id]);

/** The migration just before the one that seals channel secrets. */
const beforeChannelSecurity = (dialect: 'sqlite' | 'mysql'): string => {
  const names = (dialect === 'mysql' ? mysqlMigrations() : sqliteMigrations()).map((m) => m.name);
  return names[names.findIndex((name) => name.endsWith('_channel_webhook_security')) - 1] as string;
};

for (const env of dialects()) {
  describe(`channel secrets at rest on ${env.name}`, () => {
    const opened = openedFor(env, { migrate: true });

    it('stores the signing secret only sealed, and reads it back whole', async () => {
      const tenant = aTenant().build();
      const channel = { ...aChannel(tenant.id), secret: `whsec_${randomBytes(32).toString('base64')}` };
      await seed(opened().uow, { tenant, channels: [channel] });
      const [row] = await channelRows(opened(), channel.id);
      expect(JSON.stringify(row)).not.toContain(channel.secret.slice(6));
      expect(row).not.toHaveProperty('secret');
      expect(testSecrets.open(String(row?.['secret_sealed']))).toEqual(Result.succeed(channel.secret));
      expect(await reading(opened(), (s) => s.channels.findByKey(channel.key))).toEqual(channel);
    });

    it('upgrades an existing channel to a sealed whsec_ secret with the same key bytes, so its sender only changes headers', async () => {
      const legacy = await env.openEmpty();
      try {
        await legacy.orm.migrator.up({ to: beforeChannelSecurity(env.name) });
        const oldSecret = randomBytes(32).toString('base64url');
        const connection = legacy.orm.em.fork().getConnection();
        await connection.execute('insert into channels (id, tenant_id, name, `key`, secret, created_at) values (?, ?, ?, ?, ?, ?)', [
          'legacy-channel', 'legacy-tenant', 'Old form', 'legacy-key', oldSecret, new Date('2030-01-01T00:00:00.000Z'),
        ]);

        expect(await legacy.migrate()).toEqual(expect.arrayContaining([expect.stringMatching(/channel_webhook_security$/)]));

        const [row] = await channelRows(legacy, 'legacy-channel');
        expect(String(row?.['secret_sealed'])).not.toContain(oldSecret);
        const channel = await reading(legacy, (s) => s.channels.findByKey('legacy-key'));
        expect(channel?.secret).toBe(`whsec_${Buffer.from(oldSecret, 'utf8').toString('base64')}`);
        // The key is the old secret's bytes: an HMAC keyed with them is the Standard Webhooks signature.
        const raw = '{"customer_external_id":"c","message":"m"}';
        const at = new Date();
        const seconds = Math.floor(at.getTime() / 1000);
        const byOldKey = createHmac('sha256', oldSecret).update(`msg_1.${seconds}.${raw}`).digest('base64');
        expect(new Webhook(channel!.secret).sign('msg_1', at, raw)).toBe(`v1,${byOldKey}`);
        const delivery = { id: 'msg_1', timestamp: String(seconds), signature: `v1,${byOldKey}`, rawBody: Buffer.from(raw) };
        expect(verifyStandardWebhook(channel!.secret, delivery, at)).toBe(true);
      } finally {
        await legacy.close();
      }
    });
  });
}
