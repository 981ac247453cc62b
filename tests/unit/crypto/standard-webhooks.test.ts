import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import {
  newWebhookSecret,
  randomSecretGenerator,
  signStandardWebhook,
  verifyStandardWebhook,
  webhookSecretKey,
} from '../../../adapters/crypto/standard-webhooks.ts';
import type { SignedDelivery } from '../../../core/channels/secret.port.ts';

const secret = newWebhookSecret();
const raw = '{"customer_external_id":"c1","message":"héllo 👋"}';
const body = new TextEncoder().encode(raw);
const now = new Date('2030-01-01T00:00:00.000Z');
const seconds = Math.floor(now.getTime() / 1000);
const reference = new Webhook(secret);
const signed = (overrides: Partial<SignedDelivery> = {}): SignedDelivery => ({
  id: 'msg_1',
  timestamp: String(seconds),
  signature: reference.sign('msg_1', now, raw),
  rawBody: body,
  ...overrides,
});

describe('channel secrets', () => {
  it('are whsec_ + standard base64 of 32 random bytes, all distinct', () => {
    const secrets = Array.from({ length: 50 }, newWebhookSecret);
    expect(new Set(secrets).size).toBe(50);
    for (const s of secrets) {
      expect(s).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(webhookSecretKey(s)?.length).toBe(32);
    }
    expect(webhookSecretKey('no-prefix')).toBeNull();
    expect(webhookSecretKey('whsec_')).toBeNull();
  });

  it('random tokens stay URL-safe and at least 128 bits', () => {
    const token = randomSecretGenerator.next();
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
  });
});

describe('verifyStandardWebhook', () => {
  it('accepts what the standardwebhooks library signs, and signs what it verifies', () => {
    expect(verifyStandardWebhook(secret, signed(), now)).toBe(true);
    expect(signStandardWebhook(secret, 'msg_2', seconds, body)).toBe(reference.sign('msg_2', now, raw));
    const current = Math.floor(Date.now() / 1000);
    const headers = { 'webhook-id': 'msg_2', 'webhook-timestamp': String(current), 'webhook-signature': signStandardWebhook(secret, 'msg_2', current, body) };
    expect(reference.verify(raw, headers)).toEqual(JSON.parse(raw));
  });

  it('accepts one valid signature among several, unknown versions skipped', () => {
    const good = reference.sign('msg_1', now, raw);
    const other = new Webhook(newWebhookSecret()).sign('msg_1', now, raw);
    expect(verifyStandardWebhook(secret, signed({ signature: `${other} v2,abc ${good}` }), now)).toBe(true);
    expect(verifyStandardWebhook(secret, signed({ signature: `${other} v1a,${good.slice(3)}` }), now)).toBe(false);
  });

  it('takes a timestamp up to 5 minutes away, on either side', () => {
    for (const offset of [-300, 300]) {
      const at = new Date(now.getTime() + offset * 1000);
      const delivery = signed({ timestamp: String(seconds + offset), signature: reference.sign('msg_1', at, raw) });
      expect(verifyStandardWebhook(secret, delivery, now)).toBe(true);
    }
  });

  it.each([
    ['a timestamp 301 s old', { timestamp: String(seconds - 301) }],
    ['a timestamp 301 s ahead', { timestamp: String(seconds + 301) }],
    ['no id', { id: undefined }],
    ['an empty id', { id: '' }],
    ['an id of 256 characters', { id: 'x'.repeat(256) }],
    ['an id with a non-ASCII character', { id: 'msg_é' }],
    ['an id with a control character', { id: 'msg\u0001' }],
    ['no timestamp', { timestamp: undefined }],
    ['a timestamp that is not digits', { timestamp: `${seconds}.5` }],
    ['no signature', { signature: undefined }],
    ['the old X-Signature form', { signature: 'sha256=00' }],
    ['a signature without its version', { signature: 'abc' }],
    ['a truncated signature', { signature: 'v1,AAAA' }],
    ['another body', { rawBody: new TextEncoder().encode('{}') }],
  ] as const)('refuses %s', (_name, overrides) => {
    const delivery: SignedDelivery = { ...signed(), ...overrides };
    expect(verifyStandardWebhook(secret, delivery, now)).toBe(false);
  });

  it('refuses a signature whose id or timestamp was swapped, or made with another secret', () => {
    expect(verifyStandardWebhook(secret, signed({ id: 'msg_9' }), now)).toBe(false);
    expect(verifyStandardWebhook(secret, signed({ timestamp: String(seconds + 1) }), now)).toBe(false);
    expect(verifyStandardWebhook(newWebhookSecret(), signed(), now)).toBe(false);
    expect(verifyStandardWebhook('not-a-whsec-secret', signed(), now)).toBe(false);
  });

  it('accepts an id of exactly 255 printable characters, space included', () => {
    const id = `a b${'~'.repeat(252)}`;
    expect(verifyStandardWebhook(secret, signed({ id, signature: reference.sign(id, now, raw) }), now)).toBe(true);
  });
});
