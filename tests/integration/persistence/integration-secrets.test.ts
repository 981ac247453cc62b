import { createHash, randomBytes } from 'node:crypto';
import { Cause, Effect, Exit, Result } from 'effect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AesGcmSecretBox } from '../../../adapters/crypto/secret-box.ts';
import { openTarget, type SwitchboardDatabase } from '../../../adapters/mikro-orm/open-database.ts';
import { SealedSecretUnreadable } from '../../../core/integrations/integrations.errors.ts';
import type { PlatformIntegration } from '../../../core/integrations/platform-integration.ts';
import { StoreUnavailable } from '../../../core/shared/errors.ts';
import { aTenant, seed } from '../../support/allocation-builders.ts';
import { testSecrets } from '../../support/databases.ts';
import { aQiscusIntegration } from '../../support/integration-builders.ts';
import { dialects, failureOf, inTransaction, reading } from './persistence-env.ts';

type RawRow = Record<string, unknown>;

const rawRows = (db: SwitchboardDatabase, tenantId: string): Promise<RawRow[]> =>
  db.orm.em.fork().getConnection().execute<RawRow[]>('select * from integrations where tenant_id = ?', [tenantId]);

const stored = async (db: SwitchboardDatabase, build: (tenantId: string) => PlatformIntegration): Promise<PlatformIntegration> => {
  const tenant = aTenant().build();
  await seed(db.uow, { tenant });
  const integration = build(tenant.id);
  await inTransaction(db, (store) => store.integrations.save(integration));
  return integration;
};

for (const env of dialects()) {
  describe(`Qiscus secrets at rest on ${env.name}`, () => {
    let db: SwitchboardDatabase;
    beforeAll(async () => {
      await env.setup();
      db = await env.open();
    });
    afterAll(async () => {
      await db?.close();
      await env.teardown();
    });

    it('stores the secret key, admin password and webhook token only sealed, and the token’s SHA-256 for lookups', async () => {
      const integration = await stored(db, (id) => aQiscusIntegration(id).withSecretKey('sk-plain-😀-key').withAdmin('boss@example.com', 'plain pässword').build());
      const rows = await rawRows(db, integration.tenantId);
      expect(rows).toHaveLength(1);
      const row = rows[0] as RawRow;
      const everyValue = JSON.stringify(Object.values(row).map(String));
      for (const secret of ['sk-plain-😀-key', 'plain pässword', integration.webhookToken]) expect(everyValue).not.toContain(secret);
      expect(row['webhook_token_hash']).toBe(createHash('sha256').update(integration.webhookToken).digest('hex'));
      expect(testSecrets.open(String(row['secret_key_sealed']))).toEqual(Result.succeed('sk-plain-😀-key'));
      expect(testSecrets.open(String(row['admin_password_sealed']))).toEqual(Result.succeed('plain pässword'));
      expect(testSecrets.open(String(row['webhook_token_sealed']))).toEqual(Result.succeed(integration.webhookToken));
      expect(row['admin_email']).toBe('boss@example.com');
    });

    it('seals afresh on every save (no ciphertext reveals that a secret is unchanged)', async () => {
      const integration = await stored(db, (id) => aQiscusIntegration(id).build());
      const before = (await rawRows(db, integration.tenantId))[0] as RawRow;
      await inTransaction(db, (store) => store.integrations.save(integration));
      const after = (await rawRows(db, integration.tenantId))[0] as RawRow;
      expect(after['secret_key_sealed']).not.toBe(before['secret_key_sealed']);
      expect(after['webhook_token_hash']).toBe(before['webhook_token_hash']);
      expect(await reading(db, (store) => store.integrations.get(integration.tenantId))).toEqual(integration);
    });

    it('fails reads with StoreUnavailable when the secrets were sealed under another key', async () => {
      const integration = await stored(db, (id) => aQiscusIntegration(id).withAdmin('boss@example.com', 'pw').build());
      const otherKey = await openTarget(db.target, { migrate: false, secrets: new AesGcmSecretBox(randomBytes(32)) });
      try {
        for (const read of [
          otherKey.uow.read((store) => store.integrations.get(integration.tenantId)),
          otherKey.uow.read((store) => store.integrations.findByWebhookToken(integration.webhookToken)),
        ]) {
          const failure = await failureOf(read);
          expect(failure).toBeInstanceOf(StoreUnavailable);
          expect((failure as StoreUnavailable).cause).toBeInstanceOf(SealedSecretUnreadable);
        }
      } finally {
        await otherKey.close();
      }
    });

    it('refuses to store a secret at all when opened without a cipher', async () => {
      const tenant = aTenant().build();
      await seed(db.uow, { tenant });
      const noCipher = await openTarget(db.target, { migrate: false });
      try {
        const exit = await Effect.runPromiseExit(noCipher.uow.transaction((store) => store.integrations.save(aQiscusIntegration(tenant.id).build())));
        expect(Exit.isFailure(exit) && Cause.hasDies(exit.cause)).toBe(true);
        expect(String(Exit.isFailure(exit) ? Cause.squash(exit.cause) : '')).toContain('SecretCipher');
      } finally {
        await noCipher.close();
      }
      expect(await rawRows(db, tenant.id)).toEqual([]);
    });
  });
}
