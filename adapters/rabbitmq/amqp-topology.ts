import type { Channel } from 'amqplib';
import type { DomainEventType } from '../../core/shared/events.ts';
import type { EventHandler } from '../../core/shared/outbox.port.ts';

/** A handler as the broker sees it: its queue is bound to `eventTypes` (every event when absent). */
export type AmqpHandler = EventHandler & { readonly eventTypes?: ReadonlyArray<DomainEventType> };

/** Attempts before a message is parked, and the wait before each retry (attempt 1 is the first delivery). */
export interface AmqpRetryPolicy {
  readonly maxAttempts: number;
  /** The wait before retrying after attempt `attempt` failed. */
  readonly delayMs: (attempt: number) => number;
}

/** Five attempts, waiting 1 s, 5 s, 25 s, … (at most 5 min) between them. */
export const defaultRetryPolicy: AmqpRetryPolicy = {
  maxAttempts: 5,
  delayMs: (attempt) => Math.min(5 * 60_000, 1000 * 5 ** (attempt - 1)),
};

export const ATTEMPT_HEADER = 'x-switchboard-attempt';

export const exchangeName = (prefix: string): string => `${prefix}.events`;
export const workQueueName = (prefix: string, handler: string): string => `${prefix}.jobs.${handler}`;
export const deadQueueName = (prefix: string, handler: string): string => `${workQueueName(prefix, handler)}.dead`;
/** The TTL is in the name: redeclaring a queue with other arguments is a channel error. */
export const delayQueueName = (prefix: string, handler: string, ttlMs: number): string =>
  `${workQueueName(prefix, handler)}.retry.${ttlMs}ms`;

const delaysOf = (retry: AmqpRetryPolicy): number[] => {
  const delays = new Set<number>();
  for (let attempt = 1; attempt < retry.maxAttempts; attempt++) delays.add(Math.max(0, Math.round(retry.delayMs(attempt))));
  return [...delays];
};

/** Every queue the topology of `handlers` declares (for cleanup and operations). */
export const queueNames = (prefix: string, handlers: ReadonlyArray<{ readonly name: string }>, retry: AmqpRetryPolicy): string[] =>
  handlers.flatMap((h) => [
    workQueueName(prefix, h.name),
    deadQueueName(prefix, h.name),
    ...delaysOf(retry).map((ttl) => delayQueueName(prefix, h.name, ttl)),
  ]);

export const declareExchange = async (channel: Channel, prefix: string): Promise<void> => {
  await channel.assertExchange(exchangeName(prefix), 'topic', { durable: true });
};

/** A bounded copy of every event for other systems to read; it also makes every event routable. */
export interface EventLogPolicy {
  readonly maxLength: number;
  readonly ttlMs: number;
}

export const defaultEventLog: EventLogPolicy = { maxLength: 100_000, ttlMs: 7 * 24 * 3600_000 };

export const eventLogQueueName = (prefix: string): string => `${prefix}.events.log`;

export const declareEventLog = async (channel: Channel, prefix: string, policy: EventLogPolicy): Promise<void> => {
  const queue = eventLogQueueName(prefix);
  // The limits are in the arguments: redeclaring with other ones is a channel error, so keep them stable.
  await channel.assertQueue(queue, { durable: true, maxLength: policy.maxLength, messageTtl: policy.ttlMs, arguments: { 'x-overflow': 'drop-head' } });
  await channel.bindQueue(queue, exchangeName(prefix), '#');
};

/**
 * Per handler: a durable work queue bound to its event types, one delay queue per retry wait whose TTL
 * dead-letters back into the work queue, and a dead-letter queue where poison messages are parked.
 */
export const declareTopology = async (channel: Channel, prefix: string, handlers: ReadonlyArray<AmqpHandler>, retry: AmqpRetryPolicy): Promise<void> => {
  await declareExchange(channel, prefix);
  for (const handler of handlers) {
    const work = workQueueName(prefix, handler.name);
    await channel.assertQueue(work, { durable: true });
    for (const key of handler.eventTypes ?? ['#']) await channel.bindQueue(work, exchangeName(prefix), key);
    await channel.assertQueue(deadQueueName(prefix, handler.name), { durable: true });
    for (const ttl of delaysOf(retry)) {
      await channel.assertQueue(delayQueueName(prefix, handler.name, ttl), {
        durable: true,
        messageTtl: ttl,
        deadLetterExchange: '',
        deadLetterRoutingKey: work,
      });
    }
  }
};

export const retryDelayQueue = (prefix: string, handler: string, retry: AmqpRetryPolicy, attempt: number): string =>
  delayQueueName(prefix, handler, Math.max(0, Math.round(retry.delayMs(attempt))));
