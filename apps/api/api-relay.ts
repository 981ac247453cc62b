import { AmqpConnection } from '../../adapters/rabbitmq/amqp-connection.ts';
import { AmqpOutboxRelay } from '../../adapters/rabbitmq/amqp-outbox-relay.ts';
import { AmqpEventFanout } from '../../adapters/rabbitmq/amqp-event-fanout.ts';
import type { LiveEvents } from '../../adapters/http-koa/events/live-events.ts';
import type { JobLogger } from '../../adapters/in-process/job-logger.ts';
import { systemClock } from '../../adapters/system/index.ts';
import type { RunningJobs } from '../shared/in-process-jobs.ts';
import type { OpenStore } from '../shared/open-store.ts';

/**
 * With RabbitMQ the API publishes what it commits itself, woken by the commit, so a new conversation
 * reaches the workers at once; the workers' relays poll only for rows a crashed process left behind.
 * A broker that cannot be reached at start is retried in the background: requests do not wait for it.
 * `live` hears every process's published events through this process's own fanout queue.
 */
export const startApiRelay = (store: Pick<OpenStore, 'outboxFeed' | 'commits'>, amqp: { readonly url: string; readonly prefix: string }, logger: JobLogger, live?: Pick<LiveEvents, 'notify' | 'notifyAll'>): RunningJobs => {
  const relay = new AmqpOutboxRelay({ feed: store.outboxFeed, clock: systemClock, prefix: amqp.prefix, logger });
  const unsubscribe = store.commits.subscribe(() => relay.wake());
  const fanout = live === undefined ? [] : [new AmqpEventFanout({ prefix: amqp.prefix, logger, onEvent: (event) => live.notify([event]), onReconnect: () => live.notifyAll() })];
  const opening = AmqpConnection.open(amqp.url, [relay, ...fanout], {
    logger,
    connectionName: `${amqp.prefix}-api-${process.pid}`,
    recovery: { initialMaxRetries: 10, maxRetries: Infinity },
  }).then(
    (connection) => {
      relay.start();
      return connection;
    },
    (error: unknown) => {
      logger.error({ err: String(error) }, 'the API could not connect its outbox relay; the worker relays its events');
      return null;
    },
  );
  return {
    stop: async () => {
      unsubscribe();
      await relay.stop();
      const connection = await Promise.race([opening, new Promise<null>((resolve) => setTimeout(() => resolve(null), 1000))]);
      await connection?.close(5000);
    },
  };
};
