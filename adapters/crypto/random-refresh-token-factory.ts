import { createHash, randomBytes } from 'node:crypto';
import type { RefreshTokenFactory } from '../../core/access/credentials.port.ts';

export const refreshTokenBytes = 32;

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Opaque refresh tokens: 32 random bytes in base64url, stored only as their SHA-256 (hex). */
export class RandomRefreshTokenFactory implements RefreshTokenFactory {
  readonly ttlSeconds: number;

  constructor(settings: { readonly ttlSeconds: number }) {
    if (!Number.isInteger(settings.ttlSeconds) || settings.ttlSeconds <= 0) throw new RangeError('ttlSeconds must be a positive integer');
    this.ttlSeconds = settings.ttlSeconds;
  }

  /** 32 random bytes (base64url) and their SHA-256. */
  create(): { readonly token: string; readonly tokenHash: string } {
    const token = randomBytes(refreshTokenBytes).toString('base64url');
    return { token, tokenHash: sha256Hex(token) };
  }

  /** The SHA-256 of a presented token. */
  hash(token: string): string {
    return sha256Hex(token);
  }
}
