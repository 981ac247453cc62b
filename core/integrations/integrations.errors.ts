import { Data } from 'effect';

/** The chat platform failed (down, timing out, refusing) for a synchronous request; mapped to 502. */
export class UpstreamFailed extends Data.TaggedError('UpstreamFailed')<{ readonly operation: string; readonly reason: string }> {}

/** A platform webhook with an unknown token, or claiming another app than the token's: no effect, 401. */
export class WebhookUnauthenticated extends Data.TaggedError('WebhookUnauthenticated')<{}> {}

/** A sealed secret could not be opened (another key, or tampered with). */
export class SealedSecretUnreadable extends Data.TaggedError('SealedSecretUnreadable')<{}> {}
