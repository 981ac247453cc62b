import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { randomSecretGenerator, signChannelBody, verifyChannelSignature } from '../../../adapters/crypto/channel-signature.ts';

const body = new TextEncoder().encode('{"customer_external_id":"c1","message":"héllo 👋"}');
const secret = 's3cret';
const hex = createHmac('sha256', secret).update(body).digest('hex');

describe('verifyChannelSignature', () => {
  it('accepts sha256=<hex HMAC-SHA256 of the raw body>, in either hex case', () => {
    expect(verifyChannelSignature(secret, body, `sha256=${hex}`)).toBe(true);
    expect(verifyChannelSignature(secret, body, `sha256=${hex.toUpperCase()}`)).toBe(true);
    expect(signChannelBody(secret, body)).toBe(`sha256=${hex}`);
  });

  it.each([
    ['a missing header', undefined],
    ['an empty header', ''],
    ['no prefix', hex],
    ['another algorithm', `sha1=${hex}`],
    ['a truncated digest', `sha256=${hex.slice(0, 62)}`],
    ['a longer digest', `sha256=${hex}00`],
    ['non-hex characters', `sha256=${'z'.repeat(64)}`],
    ['one changed digit', `sha256=${(hex[0] === '0' ? '1' : '0') + hex.slice(1)}`],
  ])('refuses %s', (_name, header) => {
    expect(verifyChannelSignature(secret, body, header)).toBe(false);
  });

  it('refuses a signature made with another secret or over another body', () => {
    expect(verifyChannelSignature('other', body, `sha256=${hex}`)).toBe(false);
    expect(verifyChannelSignature(secret, new TextEncoder().encode('{}'), `sha256=${hex}`)).toBe(false);
  });
});

describe('randomSecretGenerator', () => {
  it('makes distinct URL-safe tokens of at least 128 bits', () => {
    const tokens = Array.from({ length: 50 }, () => randomSecretGenerator.next());
    expect(new Set(tokens).size).toBe(50);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    }
  });
});
