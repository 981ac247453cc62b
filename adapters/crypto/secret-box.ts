import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Result } from 'effect';
import type { SecretCipher } from '../../core/integrations/integration.port.ts';
import { SealedSecretUnreadable } from '../../core/integrations/integrations.errors.ts';

const version = 'v1';
const ivBytes = 12;
const tagBytes = 16;

/**
 * AES-256-GCM for secrets at rest (`SECRETS_KEY`: 32 bytes, base64). Sealed form:
 * `v1.<iv>.<ciphertext>.<tag>`, base64url parts; a fresh random IV per seal.
 */
export class AesGcmSecretBox implements SecretCipher {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('the secrets key must be exactly 32 bytes');
    this.#key = Buffer.from(key);
  }

  /** The box for a `SECRETS_KEY` (32 bytes, base64). */
  static fromBase64(secretsKey: string): AesGcmSecretBox {
    return new AesGcmSecretBox(Buffer.from(secretsKey, 'base64'));
  }

  /** The plaintext encrypted and authenticated (AES-256-GCM), as text to store. */
  seal(plaintext: string): string {
    const iv = randomBytes(ivBytes);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv, { authTagLength: tagBytes });
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [version, iv, body, cipher.getAuthTag()].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
  }

  /** The plaintext of a sealed value; fails when it was not sealed with this key. */
  open(sealed: string): Result.Result<string, SealedSecretUnreadable> {
    const [tag, ivText, bodyText, authText, ...rest] = sealed.split('.');
    if (tag !== version || ivText === undefined || bodyText === undefined || authText === undefined || rest.length > 0) {
      return Result.fail(new SealedSecretUnreadable());
    }
    const iv = Buffer.from(ivText, 'base64url');
    const auth = Buffer.from(authText, 'base64url');
    if (iv.length !== ivBytes || auth.length !== tagBytes) return Result.fail(new SealedSecretUnreadable());
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, iv, { authTagLength: tagBytes });
      decipher.setAuthTag(auth);
      const plain = Buffer.concat([decipher.update(Buffer.from(bodyText, 'base64url')), decipher.final()]);
      return Result.succeed(plain.toString('utf8'));
    } catch {
      return Result.fail(new SealedSecretUnreadable());
    }
  }
}
