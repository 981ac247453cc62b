import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RandomRefreshTokenFactory } from '../../../adapters/crypto/random-refresh-token-factory.ts';

const factory = new RandomRefreshTokenFactory({ ttlSeconds: 1_209_600 });

describe('RandomRefreshTokenFactory', () => {
  it('makes 32 random bytes in base64url', () => {
    const { token } = factory.create();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('stores the SHA-256 hex of the token, never the token', () => {
    const { token, tokenHash } = factory.create();
    expect(tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(factory.hash(token)).toBe(tokenHash);
    expect(tokenHash).not.toContain(token);
  });

  it('never repeats itself', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => factory.create().token));
    expect(tokens.size).toBe(1000);
  });

  it('keeps the configured lifetime and refuses a non-positive one', () => {
    expect(factory.ttlSeconds).toBe(1_209_600);
    expect(() => new RandomRefreshTokenFactory({ ttlSeconds: 0 })).toThrow(RangeError);
  });
});
