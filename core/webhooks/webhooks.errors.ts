import { Data } from 'effect';

/** The endpoint is not active: nothing is sent to it, redeliveries included. */
export class WebhookInactive extends Data.TaggedError('WebhookInactive')<{}> {}
