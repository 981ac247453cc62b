import { Data } from 'effect';

/** The user already has as many live-event streams open as allowed; one ends (or runs out) within `retryAfterSeconds`. */
export class TooManyStreams extends Data.TaggedError('TooManyStreams')<{ readonly retryAfterSeconds: number }> {}
