import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ChannelSignatureVerifier, SecretGenerator } from '../../core/channels/secret.port.ts';

const prefix = 'sha256=';
const hexDigest = /^[0-9a-f]{64}$/iu;

/** The `X-Signature` value for a body: `sha256=<hex HMAC-SHA256 of the raw bytes>`. */
export const signChannelBody = (secret: string, rawBody: Uint8Array): string =>
  prefix + createHmac('sha256', secret).update(rawBody).digest('hex');

/** True when `header` is `sha256=<hex>` and the digest matches; compared in constant time on 32-byte digests. */
export const verifyChannelSignature = (secret: string, rawBody: Uint8Array, header: string | undefined): boolean => {
  if (header === undefined || !header.startsWith(prefix)) return false;
  const hex = header.slice(prefix.length).trim();
  if (!hexDigest.test(hex)) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(hex, 'hex'));
};

export const hmacChannelSignatureVerifier: ChannelSignatureVerifier = { verify: verifyChannelSignature };

/** 256 random bits, base64url. */
export const randomSecretGenerator: SecretGenerator = { next: () => randomBytes(32).toString('base64url') };
