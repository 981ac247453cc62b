import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The key that seals stored Qiscus secrets: `SECRETS_KEY` (32 bytes, base64), else the one the API
 * generated under `dataDir` at its first start; null when there is neither.
 */
export const secretsKeyFrom = (env: Readonly<Record<string, string | undefined>>, dataDir = './data'): Buffer | null => {
  const given = env.SECRETS_KEY;
  const file = join(dataDir, 'secrets-key');
  const text = given !== undefined && given !== '' ? given : existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
  if (text === null) return null;
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error('SECRETS_KEY: must be 32 random bytes, base64');
  return key;
};
