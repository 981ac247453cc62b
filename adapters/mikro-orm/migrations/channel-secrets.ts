import { Result } from 'effect';
import type { SecretCipher } from '../../../core/integrations/integration.port.ts';

type Execute = (sql: string, params?: unknown[]) => Promise<ReadonlyArray<Readonly<Record<string, unknown>>>>;

const prefix = 'whsec_';

/**
 * The Standard Webhooks secret that keeps a channel's old key: the old HMAC key was the secret's UTF-8
 * bytes (43 for every secret the API made), and a `whsec_` secret's key is its base64-decoded bytes.
 */
export const webhookSecretOf = (legacy: string): string => prefix + Buffer.from(legacy, 'utf8').toString('base64');

/** Rewrites every plaintext `channels.secret` as its `whsec_` form, sealed (migration up, before the rename). */
export const sealLegacyChannelSecrets = async (execute: Execute, cipher: SecretCipher): Promise<void> => {
  for (const row of await execute('select `id`, `secret` from `channels`')) {
    await execute('update `channels` set `secret` = ? where `id` = ?', [cipher.seal(webhookSecretOf(String(row['secret']))), row['id']]);
  }
};

/** The reverse (migration down, before the rename back): the plaintext old-style secret again. */
export const openChannelSecrets = async (execute: Execute, cipher: SecretCipher): Promise<void> => {
  for (const row of await execute('select `id`, `secret_sealed` from `channels`')) {
    const opened = cipher.open(String(row['secret_sealed']));
    if (Result.isFailure(opened)) throw new Error(`channel ${String(row['id'])}: its secret cannot be opened with this key`);
    const legacy = opened.success.startsWith(prefix) ? Buffer.from(opened.success.slice(prefix.length), 'base64').toString('utf8') : opened.success;
    await execute('update `channels` set `secret_sealed` = ? where `id` = ?', [legacy, row['id']]);
  }
};
