import { Data, type Effect } from 'effect';

/** The store (database) did not answer or failed; retryable. Mapped to 503 at the edge. */
export class StoreUnavailable extends Data.TaggedError('StoreUnavailable')<{ readonly cause?: unknown }> {}

/** An insert or update hit a unique key; `key` names it (e.g. `users.email`). Use cases translate it. */
export class DuplicateKey extends Data.TaggedError('DuplicateKey')<{ readonly key: string }> {}

/** The resource does not exist in the caller's tenant (a foreign id looks exactly the same). */
export class NotFound extends Data.TaggedError('NotFound')<{ readonly entity: string }> {}

/** The actor's role or ownership does not allow the action. */
export class Forbidden extends Data.TaggedError('Forbidden')<{ readonly action: string }> {}

/** Input that passed the shape checks failed a domain rule; `path` names the offending field. */
export class InvalidInput extends Data.TaggedError('InvalidInput')<{ readonly path: string; readonly message: string }> {}

/** What every store port returns: the value, its own expected errors, or `StoreUnavailable`. */
export type Stored<A, E = never> = Effect.Effect<A, E | StoreUnavailable>;

/** A job could not finish for a passing reason (an upstream down, a lock timeout); it is retried with backoff. */
export class RetryableJobFailure extends Data.TaggedError('RetryableJobFailure')<{ readonly reason: string }> {}

/** A job can never succeed for this event (the platform does not know the room); it is dead-lettered at once. */
export class PermanentJobFailure extends Data.TaggedError('PermanentJobFailure')<{ readonly reason: string }> {}
