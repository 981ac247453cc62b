import { afterAll, describe, expect, it } from 'vitest';
import { AmqpConnection } from '../../../adapters/rabbitmq/amqp-connection.ts';
import { AmqpEventFanout } from '../../../adapters/rabbitmq/amqp-event-fanout.ts';
import { encodeEvent } from '../../../adapters/rabbitmq/amqp-event-codec.ts';
import { exchangeName } from '../../../adapters/rabbitmq/amqp-topology.ts';
import { domainEvent, type DomainEvent } from '../../../core/shared/events.ts';
import { amqpUrl, deleteTopology, openAdmin, requireBroker, uniquePrefix } from '../../support/rabbitmq.ts';

await requireBroker();
const prefix = uniquePrefix();
afterAll(() => deleteTopology(prefix, []));

describe('the live-event fan-out', () => {
  it('gives every API process (each its own exclusive queue) every published event, and the queues go with their connections', async () => {
    const heard: DomainEvent[][] = [[], []];
    let reconnects = 0;
    const fanouts = heard.map((into) => new AmqpEventFanout({ prefix, onEvent: (e) => into.push(e), onReconnect: () => reconnects++ }));
    const connections = await Promise.all(fanouts.map((f) => AmqpConnection.open(amqpUrl, [f])));
    expect(reconnects).toBe(2);
    const { model, channel } = await openAdmin();
    const event = domainEvent('ticket.created', { id: 'e1', tenantId: 't1', occurredAt: new Date() }, { ticketId: 'k1', channel: 'api', priority: 'medium', autoAssign: false });
    channel.publish(exchangeName(prefix), event.type, encodeEvent(event));
    await expect.poll(() => heard.map((h) => h.length), { timeout: 2000 }).toEqual([1, 1]);
    expect(heard[0]![0]).toMatchObject({ id: 'e1', tenantId: 't1', type: 'ticket.created' });
    for (const c of connections) await c.close();
    // Exclusive, auto-delete: nothing is left bound once the processes are gone, so publishing finds no queue.
    const returned = new Promise<boolean>((resolve) => {
      channel.once('return', () => resolve(true));
      setTimeout(() => resolve(false), 500);
    });
    channel.publish(exchangeName(prefix), event.type, encodeEvent(event), { mandatory: true });
    expect(await returned).toBe(true);
    await model.close();
  });
});
