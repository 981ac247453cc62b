/** Source of unguessable tokens (at least 128 random bits each). */
export interface SecretGenerator {
  /** A new secret. */
  next(): string;
}

/** A channel webhook's signature headers (Standard Webhooks) with the body exactly as received. */
export interface SignedDelivery {
  /** `webhook-id`: the sender's id of this delivery. */
  readonly id: string | undefined;
  /** `webhook-timestamp`: Unix seconds. */
  readonly timestamp: string | undefined;
  /** `webhook-signature`: one or more space-separated `v1,<base64>`. */
  readonly signature: string | undefined;
  readonly rawBody: Uint8Array;
}

/** Checks a delivery's signature and timestamp against the channel's secret, in constant time. */
export interface ChannelSignatureVerifier {
  /** Whether the delivery is signed with the secret and recent enough. */
  verify(secret: string, delivery: SignedDelivery, now: Date): boolean;
}
