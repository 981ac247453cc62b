import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { ChannelModel, ConfirmChannel, Message } from 'amqplib';
import { AmqpConnection } from '../../../adapters/rabbitmq/amqp-connection.ts';
import { AmqpJobConsumer } from '../../../adapters/rabbitmq/amqp-job-consumer.ts';
import { queueNames, workQueueName, type AmqpRetryPolicy } from '../../../adapters/rabbitmq/amqp-topology.ts';
import { anEvent } from '../../support/event-builders.ts';
import { aHandler } from '../../support/job-builders.ts';
import { amqpUrl, openAdmin, requireBroker, uniquePrefix } from '../../support/rabbitmq.ts';
import { fastRecovery, memoryOutbox, rabbitHarness } from '../../support/rabbitmq-harness.ts';

await requireBroker();
const prefix = uniquePrefix();
const retry: AmqpRetryPolicy = { maxAttempts: 2, delayMs: () => 100 };
const { startRelay, startConsumer, track, onCleanup, stopAll, deleteAll } = rabbitHarness(prefix, retry);
const waitLong = { timeout: 15_000, interval: 50 };
const laneRecovery = { initialDelayMs: 100, maxDelayMs: 400, maxAttempts: 10 };

/** Consumers on `queue`, read on a throwaway channel (a missing queue closes it). */
const consumersOn = async (queue: string): Promise<number> => {
  const { model } = await openAdmin();
  try {
    const channel = await model.createChannel();
    channel.on('error', () => {});
    return (await channel.checkQueue(queue)).consumerCount;
  } catch {
    return -1;
  } finally {
    await model.close().catch(() => {});
  }
};

describe('job consumers recover without a reconnect', () => {
  afterEach(stopAll);
  afterAll(deleteAll);

  it('consumes again after the broker cancels the consumer because its work queue was deleted', async () => {
    const handler = aHandler('cancelled').build();
    const { connection } = await startConsumer([handler]);
    const { feed, append } = memoryOutbox();
    await startRelay(feed);
    const first = anEvent().ticketCreated().build();
    await append([first]);
    await vi.waitFor(() => expect(handler.handled.map((e) => e.id)).toEqual([first.id]), waitLong);

    const { model, channel } = await openAdmin();
    await channel.deleteQueue(workQueueName(prefix, handler.name));
    await model.close();
    await vi.waitFor(async () => expect(await consumersOn(workQueueName(prefix, handler.name))).toBe(1), waitLong);
    const later = anEvent().ticketCreated().build();
    await append([later]);

    await vi.waitFor(() => expect(handler.handled.map((e) => e.id)).toEqual([first.id, later.id]), waitLong);
    expect(connection.connects).toBe(1);
  });

  it('opens a new channel on the same connection after a channel error on the consumer channel', async () => {
    const handler = aHandler('channel-error').build();
    track(queueNames(prefix, [handler], retry), [handler]);
    const consumer = new AmqpJobConsumer({ prefix, handlers: [handler], retry, prefetch: 5, timeoutMs: 2000, laneRecovery });
    const channels: ConfirmChannel[] = [];
    const recording = (model: ChannelModel) =>
      ({
        createChannel: () => model.createChannel(),
        createConfirmChannel: async () => {
          const channel = await model.createConfirmChannel();
          channels.push(channel);
          return channel;
        },
      }) as unknown as ChannelModel;
    const participant = { name: 'recording-consumer', attach: (m: ChannelModel) => consumer.attach(recording(m)), detach: () => consumer.detach() };
    const connection = await AmqpConnection.open(amqpUrl, [participant], { recovery: fastRecovery, connectionName: `${prefix}-recording` });
    onCleanup(async () => {
      await consumer.stop(100);
      await connection.close(1000);
    });
    const { feed, append } = memoryOutbox();
    await startRelay(feed);
    expect(channels).toHaveLength(1);

    channels[0]!.ack({ fields: { deliveryTag: 987_654 } } as unknown as Message);
    await vi.waitFor(() => expect(channels).toHaveLength(2), waitLong);
    const later = anEvent().ticketCreated().build();
    await append([later]);

    await vi.waitFor(() => expect(handler.handled.map((e) => e.id)).toEqual([later.id]), waitLong);
    expect(connection.connects).toBe(1);
  });
});
