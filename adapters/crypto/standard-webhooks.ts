import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ChannelSignatureVerifier, SecretGenerator, SignedDelivery } from '../../core/channels/secret.port.ts';
import type { WebhookSigner } from '../../core/webhooks/webhook.port.ts';

/** Standard Webhooks (standardwebhooks.com): `whsec_` secrets, `v1,<base64 HMAC-SHA256>` signatures. */
export const webhookSecretPrefix = 'whsec_';
/** How far a delivery's `webhook-timestamp` may be from our clock (the standard's 5 minutes). */
export const timestampToleranceSeconds = 300;

/** The header shapes checked before any work; anchored single runs, linear on any input. */
export const headerPatterns = { deliveryId: /^[\x20-\x7e]{1,255}$/u, unixSeconds: /^[0-9]{1,12}$/u, base64Digest: /^[A-Za-z0-9+/]{43}=$/u };
const { deliveryId, unixSeconds, base64Digest } = headerPatterns;
const maxSignatures = 16;

/** `whsec_` + standard base64 (padded) of 32 random bytes. */
export const newWebhookSecret = (): string => webhookSecretPrefix + randomBytes(32).toString('base64');

/** The HMAC key of a `whsec_` secret (its decoded bytes), or null when it is not one. */
export const webhookSecretKey = (secret: string): Buffer | null => {
  if (!secret.startsWith(webhookSecretPrefix)) return null;
  const key = Buffer.from(secret.slice(webhookSecretPrefix.length), 'base64');
  return key.length === 0 ? null : key;
};

const digest = (key: Buffer, id: string, timestamp: string, body: Uint8Array): string =>
  createHmac('sha256', key).update(`${id}.${timestamp}.`, 'utf8').update(body).digest('base64');

/** The `webhook-signature` value for one delivery: `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`. */
export const signStandardWebhook = (secret: string, id: string, timestamp: number, body: Uint8Array): string => {
  const key = webhookSecretKey(secret);
  if (key === null) throw new Error('not a whsec_ secret');
  return `v1,${digest(key, id, String(timestamp), body)}`;
};

/**
 * True when the id (1..255 printable ASCII) and timestamp (Unix seconds, within 5 minutes of `now`) are
 * well formed and one of the space-separated `v1,` signatures matches; each compared in constant time.
 */
export const verifyStandardWebhook = (secret: string, delivery: SignedDelivery, now: Date): boolean => {
  const { id, timestamp, signature } = delivery;
  if (id === undefined || timestamp === undefined || signature === undefined) return false;
  if (!deliveryId.test(id) || !unixSeconds.test(timestamp)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > timestampToleranceSeconds) return false;
  const key = webhookSecretKey(secret);
  if (key === null) return false;
  const expected = Buffer.from(digest(key, id, timestamp, delivery.rawBody), 'latin1');
  let matched = false;
  for (const candidate of signature.split(' ', maxSignatures)) {
    if (!candidate.startsWith('v1,')) continue;
    const value = candidate.slice(3);
    if (base64Digest.test(value) && timingSafeEqual(expected, Buffer.from(value, 'latin1'))) matched = true;
  }
  return matched;
};

/** `verifyStandardWebhook` as the core's `ChannelSignatureVerifier`. */
export const standardWebhookVerifier: ChannelSignatureVerifier = { verify: verifyStandardWebhook };

/** Outbound webhook signatures: one `v1,` signature per secret, space-separated (both during a rotation). */
export const standardWebhookSigner: WebhookSigner = {
  sign: (secrets, id, timestamp, body) => secrets.map((secret) => signStandardWebhook(secret, id, timestamp, body)).join(' '),
};

/** Channel signing secrets (`whsec_…`). */
export const webhookSecretGenerator: SecretGenerator = { next: newWebhookSecret };

/** 256 random bits, base64url: channel keys, webhook tokens. */
export const randomSecretGenerator: SecretGenerator = { next: () => randomBytes(32).toString('base64url') };
