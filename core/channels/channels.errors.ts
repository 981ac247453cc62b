import { Data } from 'effect';

/** The webhook's channel key is unknown or its signature does not match (the same answer for both). */
export class ChannelUnauthenticated extends Data.TaggedError('ChannelUnauthenticated')<{}> {}
