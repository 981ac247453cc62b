import { Effect } from 'effect';
import { MemoryUnitOfWork } from '../../adapters/memory/memory-unit-of-work.ts';
import { MemoryOutboxFeed } from '../../adapters/memory/memory-outbox-feed.ts';
import { AmqpConnection } from '../../adapters/rabbitmq/amqp-connection.ts';
import { AmqpOutboxRelay } from '../../adapters/rabbitmq/amqp-outbox-relay.ts';
import { AmqpJobConsumer } from '../../adapters/rabbitmq/amqp-job-consumer.ts';
import { queueNames, type AmqpHandler, type AmqpRetryPolicy } from '../../adapters/rabbitmq/amqp-topology.ts';
import type { DomainEvent } from '../../core/shared/events.ts';
import { amqpUrl, deleteTopology } from './rabbitmq.ts';

export const fastRecovery = { initialDelay: 100, maxDelay: 400, initialMaxRetries: 2 };

/** A memory outbox: `append` as a use case would, `pending` lists the ids not yet marked published. */
export const memoryOutbox = () => {
  const uow = new MemoryUnitOfWork();
  const feed = new MemoryOutboxFeed(uow.db);
  const append = (events: ReadonlyArray<DomainEvent>) => Effect.runPromise(uow.transaction((store) => store.outbox.append(events)));
  const pending = () => [...uow.db.outbox.values()].filter((row) => row.publishedAt === null).map((row) => row.event.id);
  return { feed, append, pending };
};

/** Starts relays and consumers under one test prefix with short timeouts; `stopAll` after each test, `deleteAll` at the end. */
export const rabbitHarness = (prefix: string, retry: AmqpRetryPolicy) => {
  const handlersUsed: Array<{ name: string }> = [];
  const extraQueues: string[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  const clock = { now: () => new Date() };

  const startRelay = async (feed: MemoryOutboxFeed, url = amqpUrl) => {
    const relay = new AmqpOutboxRelay({ feed, clock, prefix, leaseSeconds: 1, pollIntervalMs: 50, timeoutMs: 2000 });
    const connection = await AmqpConnection.open(url, [relay], { recovery: fastRecovery, connectionName: `${prefix}-relay` });
    relay.start();
    cleanups.push(async () => {
      await relay.stop();
      await connection.close(1000);
    });
    return { relay, connection };
  };

  const startConsumer = async (handlers: ReadonlyArray<AmqpHandler>, url = amqpUrl, prefetch = 5) => {
    handlersUsed.push(...handlers);
    const consumer = new AmqpJobConsumer({ prefix, handlers, retry, prefetch, timeoutMs: 2000 });
    const connection = await AmqpConnection.open(url, [consumer], { recovery: fastRecovery, connectionName: `${prefix}-consumer` });
    cleanups.push(async () => {
      await consumer.stop(100);
      await connection.close(1000);
    });
    return { consumer, connection };
  };

  return {
    clock,
    startRelay,
    startConsumer,
    /** Queues made outside the adapter, or handlers used outside `startConsumer`, to delete at the end. */
    track: (queues: ReadonlyArray<string>, handlers: ReadonlyArray<{ name: string }> = []) => {
      extraQueues.push(...queues);
      handlersUsed.push(...handlers);
    },
    onCleanup: (cleanup: () => Promise<void>) => void cleanups.push(cleanup),
    stopAll: async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    },
    deleteAll: () => deleteTopology(prefix, [...queueNames(prefix, handlersUsed, retry), ...extraQueues]),
  };
};
