/** Source of unguessable tokens (at least 128 random bits each, URL-safe). */
export interface SecretGenerator {
  next(): string;
}

/** Checks a channel webhook's `X-Signature` header against the raw body, in constant time. */
export interface ChannelSignatureVerifier {
  verify(secret: string, rawBody: Uint8Array, header: string | undefined): boolean;
}
