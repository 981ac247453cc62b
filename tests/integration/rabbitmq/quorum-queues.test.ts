import { afterAll, describe, expect, it, vi } from 'vitest';
import { deadQueueName, declareTopology, queueDeclarations, queueNames, workQueueName, type AmqpRetryPolicy } from '../../../adapters/rabbitmq/amqp-topology.ts';
import { deleteTopology, openAdmin, requireBroker, uniquePrefix } from '../../support/rabbitmq.ts';

await requireBroker();
const prefix = uniquePrefix();
const retry: AmqpRetryPolicy = { maxAttempts: 3, delayMs: (attempt) => 100 * attempt, deliveryLimit: 2 };
const handlers = [{ name: 'crashing', handles: () => true, handle: () => { throw new Error('never run'); } }];

/** The channel error a declaration gets back (a refused one closes its channel), or null when accepted. */
const declareError = async (queue: string, options: object): Promise<string | null> => {
  const { model, channel } = await openAdmin();
  try {
    await channel.assertQueue(queue, options);
    return null;
  } catch (error) {
    return String(error);
  } finally {
    await model.close().catch(() => {});
  }
};

describe('RabbitMQ job topology on quorum queues (issue 13 item 11)', () => {
  afterAll(() => deleteTopology(prefix, queueNames(prefix, handlers, retry)));

  it('declares the work, delay and dead-letter queues as quorum queues', async () => {
    const { model, channel } = await openAdmin();
    await declareTopology(channel, prefix, handlers, retry);
    await model.close();
    const declared = queueDeclarations(prefix, 'crashing', retry);
    expect(declared.map((q) => q.name).sort()).toEqual(queueNames(prefix, handlers, retry).sort());
    expect(declared).toHaveLength(4);
    for (const { name, options } of declared) {
      expect(await declareError(name, options), name).toBeNull();
      // The same declaration as a classic queue is refused: the broker holds a quorum queue under that name.
      const classic = { ...options, arguments: { ...options.arguments, 'x-queue-type': 'classic' } };
      expect(await declareError(name, classic), name).toContain("inequivalent arg 'x-queue-type'");
    }
  });

  it('parks a message that keeps coming back unacked (a crash loop) in the dead-letter queue after the delivery limit', async () => {
    const { model, channel } = await openAdmin();
    await declareTopology(channel, prefix, handlers, retry);
    channel.sendToQueue(workQueueName(prefix, 'crashing'), Buffer.from('{}'), { persistent: true, messageId: 'crash-loop' });
    let deliveries = 0;
    await vi.waitFor(
      async () => {
        const message = await channel.get(workQueueName(prefix, 'crashing'), { noAck: false });
        if (message) {
          deliveries++;
          channel.nack(message, false, true);
        }
        expect((await channel.checkQueue(deadQueueName(prefix, 'crashing'))).messageCount).toBe(1);
      },
      { timeout: 10_000, interval: 50 },
    );
    const parked = await channel.get(deadQueueName(prefix, 'crashing'), { noAck: true });
    expect(parked && parked.properties.messageId).toBe('crash-loop');
    expect(parked && parked.properties.headers?.['x-death']?.[0]?.reason).toBe('delivery_limit');
    expect(deliveries).toBe(3);
    expect((await channel.checkQueue(workQueueName(prefix, 'crashing'))).messageCount).toBe(0);
    await model.close();
  });
});
