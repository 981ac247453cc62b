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
  /**
   * The work queues' `x-delivery-limit` (default 20): a message delivered this many times without an ack
   * (its consumer crashing or stopping each time) is dead-lettered to the job's dead-letter queue.
   */
  readonly deliveryLimit?: number;
}

/** Five attempts, waiting 1 s, 5 s, 25 s, … (at most 5 min) between them. */
export const defaultRetryPolicy: AmqpRetryPolicy = {
  maxAttempts: 5,
  delayMs: (attempt) => Math.min(5 * 60_000, 1000 * 5 ** (attempt - 1)),
};

/** RabbitMQ's own default delivery limit since 4.0. */
export const defaultDeliveryLimit = 20;

/**
 * Quorum queues: durable, replicated across a cluster's nodes, and what they dead-letter is moved
 * at least once (`reject-publish` is what that strategy asks for: a full target refuses, nothing is dropped).
 */
const quorum = (args: Record<string, unknown>): QueueDeclaration['options'] => ({
  durable: true,
  arguments: { 'x-queue-type': 'quorum', ...args },
});

const deadLetteredTo = (queue: string) => ({
  'x-dead-letter-exchange': '',
  'x-dead-letter-routing-key': queue,
  'x-dead-letter-strategy': 'at-least-once',
  'x-overflow': 'reject-publish',
});

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

/** A queue as declared: its name and `assertQueue` options (redeclaring it with other ones is a channel error). */
export interface QueueDeclaration {
  readonly name: string;
  readonly options: { readonly durable: true; readonly arguments: Readonly<Record<string, unknown>> };
}

/**
 * A handler's queues, all quorum queues: the dead-letter queue where poison messages are parked, the
 * work queue whose delivery limit parks a message that keeps coming back unacked, and one delay queue
 * per retry wait whose TTL dead-letters back into the work queue.
 */
export const queueDeclarations = (prefix: string, handler: string, retry: AmqpRetryPolicy): ReadonlyArray<QueueDeclaration> => {
  const work = workQueueName(prefix, handler);
  const dead = deadQueueName(prefix, handler);
  return [
    { name: dead, options: quorum({}) },
    { name: work, options: quorum({ 'x-delivery-limit': retry.deliveryLimit ?? defaultDeliveryLimit, ...deadLetteredTo(dead) }) },
    ...delaysOf(retry).map((ttl) => ({ name: delayQueueName(prefix, handler, ttl), options: quorum({ 'x-message-ttl': ttl, ...deadLetteredTo(work) }) })),
  ];
};

/** Per handler: its queues (`queueDeclarations`), the work queue bound to the handler's event types. */
export const declareTopology = async (channel: Channel, prefix: string, handlers: ReadonlyArray<AmqpHandler>, retry: AmqpRetryPolicy): Promise<void> => {
  await declareExchange(channel, prefix);
  for (const handler of handlers) {
    for (const queue of queueDeclarations(prefix, handler.name, retry)) await channel.assertQueue(queue.name, queue.options);
    for (const key of handler.eventTypes ?? ['#']) await channel.bindQueue(workQueueName(prefix, handler.name), exchangeName(prefix), key);
  }
};

export const retryDelayQueue = (prefix: string, handler: string, retry: AmqpRetryPolicy, attempt: number): string =>
  delayQueueName(prefix, handler, Math.max(0, Math.round(retry.delayMs(attempt))));
