import { randomBytes } from 'node:crypto';
import { Result } from 'effect';
import { describe, expect, it } from 'vitest';
import { AesGcmSecretBox } from '../../../adapters/crypto/secret-box.ts';

describe('AesGcmSecretBox', () => {
  const key = randomBytes(32);
  const box = new AesGcmSecretBox(key);

  it('opens what it sealed, emoji included, with a fresh IV each time', () => {
    const secret = 'sëcret-🔑-key';
    const a = box.seal(secret);
    const b = box.seal(secret);
    expect(a).not.toBe(b);
    expect(a).not.toContain(secret);
    expect(box.open(a)).toEqual(Result.succeed(secret));
    expect(AesGcmSecretBox.fromBase64(key.toString('base64')).open(b)).toEqual(Result.succeed(secret));
  });

  it('refuses a tampered box, another key and garbage', () => {
    const sealed = box.seal('secret');
    const [v, iv, body, tag] = sealed.split('.') as [string, string, string, string];
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(Result.isFailure(box.open([v, iv, flipped.toString('base64url'), tag].join('.')))).toBe(true);
    expect(Result.isFailure(new AesGcmSecretBox(randomBytes(32)).open(sealed))).toBe(true);
    expect(Result.isFailure(box.open('v1.garbage'))).toBe(true);
  });

  it('takes only a 32-byte key', () => {
    expect(() => new AesGcmSecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});
