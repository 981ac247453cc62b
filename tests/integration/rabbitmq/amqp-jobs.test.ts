import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { AmqpConnection } from '../../../adapters/rabbitmq/amqp-connection.ts';
import { AmqpOutboxRelay } from '../../../adapters/rabbitmq/amqp-outbox-relay.ts';
import { AmqpJobConsumer } from '../../../adapters/rabbitmq/amqp-job-consumer.ts';
import { ATTEMPT_HEADER, deadQueueName, exchangeName, workQueueName, type AmqpHandler, type AmqpRetryPolicy } from '../../../adapters/rabbitmq/amqp-topology.ts';
import type { DomainEvent } from '../../../core/shared/events.ts';
import { anEvent, someEvents } from '../../support/event-builders.ts';
import { aHandler, aManualClock } from '../../support/job-builders.ts';
import { eventLogQueueName } from '../../../adapters/rabbitmq/amqp-topology.ts';
import { amqpUrl, brokerProxy, closeAllBrokerConnections, deleteTopology, openAdmin, requireBroker, uniquePrefix } from '../../support/rabbitmq.ts';
import { fastRecovery as recovery, memoryOutbox as outbox, rabbitHarness } from '../../support/rabbitmq-harness.ts';

await requireBroker();
const prefix = uniquePrefix();
const retry: AmqpRetryPolicy = { maxAttempts: 3, delayMs: (attempt) => 100 * attempt };
const { clock: systemClock, startRelay, startConsumer, track, onCleanup, stopAll, deleteAll } = rabbitHarness(prefix, retry);
const waitLong = { timeout: 15_000, interval: 50 };

const ids = (events: ReadonlyArray<DomainEvent>) => events.map((e) => e.id);
const sorted = (values: ReadonlyArray<string>) => [...values].sort();

describe('RabbitMQ outbox relay and job consumers', () => {
  afterEach(stopAll);
  afterAll(async () => {
    await deleteAll();
    await deleteTopology(`${prefix}-unroutable`, [`${prefix}-unroutable.late`]);
  });

  it('publishes outbox rows persistent, with the event id and type, and marks them published once confirmed', async () => {
    const probe = `${prefix}.probe`;
    track([probe]);
    const { model, channel } = await openAdmin();
    await channel.assertExchange(exchangeName(prefix), 'topic', { durable: true });
    await channel.assertQueue(probe, { durable: true });
    await channel.bindQueue(probe, exchangeName(prefix), '#');
    const handler = aHandler('publish').build();
    await startConsumer([handler]);
    const { feed, append, pending } = outbox();
    const events = [anEvent().ticketCreated().build(), ...someEvents(3)];
    await append(events);

    await startRelay(feed);

    await vi.waitFor(() => expect(sorted(ids(handler.handled))).toEqual(sorted(ids(events))), waitLong);
    await vi.waitFor(() => expect(pending()).toEqual([]), waitLong);
    const message = await channel.get(probe, { noAck: true });
    expect(message && message.properties.messageId).toBe(events[0]?.id);
    expect(message && message.properties.deliveryMode).toBe(2);
    expect(message && message.fields.routingKey).toBe('ticket.created');
    expect(message && JSON.parse(message.content.toString()).payload).toEqual(events[0]?.payload);
    await model.close();
  });

  it('leaves an unroutable event unsent, and publishes it once a queue is bound', async () => {
    const lonely = `${prefix}-unroutable`;
    const { feed, append, pending } = outbox();
    const clock = aManualClock(new Date());
    const relay = new AmqpOutboxRelay({ feed, clock, prefix: lonely, leaseSeconds: 5, timeoutMs: 2000, eventLog: null });
    const connection = await AmqpConnection.open(amqpUrl, [relay], { recovery });
    onCleanup(() => connection.close(1000));
    const [event] = someEvents(1);
    await append([event!]);

    expect(await relay.runOnce()).toBe(0);
    expect(pending()).toEqual([event?.id]);

    const { model, channel } = await openAdmin();
    await channel.assertQueue(`${lonely}.late`, { durable: true });
    await channel.bindQueue(`${lonely}.late`, exchangeName(lonely), '#');
    clock.advance(6);
    expect(await relay.runOnce()).toBe(1);
    await vi.waitFor(() => expect(pending()).toEqual([]), waitLong);
    await model.close();
  });

  it('copies every event to the bounded event log, so an event no job handles is published too', async () => {
    const logged = `${prefix}-log`;
    const { feed, append, pending } = outbox();
    const relay = new AmqpOutboxRelay({ feed, clock: aManualClock(new Date()), prefix: logged, timeoutMs: 2000 });
    const connection = await AmqpConnection.open(amqpUrl, [relay], { recovery });
    onCleanup(() => connection.close(1000));
    onCleanup(() => deleteTopology(logged, []));
    const [event] = someEvents(1);
    await append([event!]);

    expect(await relay.runOnce()).toBe(1);
    expect(pending()).toEqual([]);
    const { model, channel } = await openAdmin();
    const message = await channel.get(eventLogQueueName(logged), { noAck: true });
    expect(message && message.properties.messageId).toBe(event?.id);
    await model.close();
  });

  it('retries a failing job through the delay queue until it succeeds', async () => {
    const handler = aHandler('flaky').failingTimes(2).build();
    await startConsumer([handler]);
    const { feed, append } = outbox();
    const [event] = someEvents(1);
    await append([event!]);
    await startRelay(feed);

    await vi.waitFor(() => expect(ids(handler.handled)).toEqual([event?.id]), waitLong);
    expect(handler.callsFor(event!.id)).toBe(3);
    const { model, channel } = await openAdmin();
    expect((await channel.checkQueue(deadQueueName(prefix, 'flaky'))).messageCount).toBe(0);
    await model.close();
  });

  it('parks a poison message in the dead-letter queue with the reason, without holding up the next ones', async () => {
    const poison = anEvent().build();
    const good = aHandler('poison').build();
    const handler: AmqpHandler = {
      ...good,
      handle: (e) => (e.id === poison.id ? aHandler('poison').alwaysFailing().build().handle(e) : good.handle(e)),
    };
    let poisonCalls = 0;
    const counting: AmqpHandler = { ...handler, handle: (e) => ((poisonCalls += e.id === poison.id ? 1 : 0), handler.handle(e)) };
    await startConsumer([counting]);
    const { feed, append } = outbox();
    const next = someEvents(3);
    await append([poison, ...next]);
    await startRelay(feed);

    await vi.waitFor(() => expect(sorted(ids(good.handled))).toEqual(sorted(ids(next))), waitLong);
    const { model, channel } = await openAdmin();
    const parked = await vi.waitFor(async () => {
      const message = await channel.get(deadQueueName(prefix, 'poison'), { noAck: true });
      if (!message) throw new Error('nothing parked yet');
      return message;
    }, waitLong);
    const headers = parked.properties.headers;
    expect(parked.properties.messageId).toBe(poison.id);
    expect(headers?.[ATTEMPT_HEADER]).toBe(3);
    expect(String(headers?.['x-switchboard-failure'])).toContain('RetryableJobFailure');
    expect(poisonCalls).toBe(3);
    await model.close();
  });

  it('parks a permanent failure and a handler defect at once, on their first attempt, with the reason', async () => {
    const refused = aHandler('refused').failingPermanently().build();
    const defective = aHandler('defective').defective().build();
    await startConsumer([refused, defective]);
    const { feed, append } = outbox();
    const [event] = someEvents(1);
    await append([event!]);
    await startRelay(feed);

    const { model, channel } = await openAdmin();
    const parkedIn = (handler: string) =>
      vi.waitFor(async () => {
        const message = await channel.get(deadQueueName(prefix, handler), { noAck: true });
        if (!message) throw new Error(`nothing parked for ${handler} yet`);
        return message;
      }, waitLong);
    const [permanent, defect] = [await parkedIn('refused'), await parkedIn('defective')];
    expect(permanent.properties.headers?.[ATTEMPT_HEADER]).toBe(1);
    expect(String(permanent.properties.headers?.['x-switchboard-failure'])).toBe(`PermanentJobFailure: refused refused ${event!.id}`);
    expect(defect.properties.headers?.[ATTEMPT_HEADER]).toBe(1);
    expect(String(defect.properties.headers?.['x-switchboard-failure'])).toBe('defect: TypeError: bug in defective');
    expect([refused.calls.length, defective.calls.length]).toEqual([1, 1]);
    await model.close();
  });

  it('loses nothing when a consumer connection dies with unacked messages', async () => {
    const first = aHandler('killed').takingMs(100).build();
    const second = aHandler('killed').build();
    const a = await startConsumer([first], amqpUrl, 5);
    const { feed, append } = outbox();
    const events = someEvents(20);
    await append(events);
    await startRelay(feed);
    await vi.waitFor(() => expect(first.handled.length).toBeGreaterThanOrEqual(2), waitLong);

    await a.connection.close(1000);
    const handledBeforeKill = first.handled.length;
    await startConsumer([second]);

    await vi.waitFor(() => expect(new Set([...ids(first.handled), ...ids(second.handled)])).toEqual(new Set(ids(events))), waitLong);
    expect(handledBeforeKill).toBeLessThan(20);
    expect(second.handled.length).toBeGreaterThan(0);
  });

  it('survives `rabbitmqctl close_all_connections` without a restart and catches up on the outbox', async () => {
    const handler = aHandler('survivor').build();
    const { connection: consumerConnection } = await startConsumer([handler]);
    const { feed, append, pending } = outbox();
    const before = someEvents(3);
    await append(before);
    const { connection: relayConnection } = await startRelay(feed);
    await vi.waitFor(() => expect(handler.handled).toHaveLength(3), waitLong);

    await closeAllBrokerConnections();
    const after = someEvents(3);
    await append(after);

    await vi.waitFor(() => expect(sorted(ids(handler.handled))).toEqual(sorted(ids([...before, ...after]))), waitLong);
    await vi.waitFor(() => expect(pending()).toEqual([]), waitLong);
    expect(relayConnection.connected && consumerConnection.connected).toBe(true);
    expect([relayConnection.connects, consumerConnection.connects]).toEqual([2, 2]);
  });

  it('keeps rows while the broker is unreachable and publishes them after it comes back', async () => {
    const proxy = await brokerProxy();
    onCleanup(() => proxy.close());
    const handler = aHandler('outage').build();
    await startConsumer([handler]);
    const { feed, append, pending } = outbox();
    const { connection } = await startRelay(feed, proxy.url);
    await proxy.cut();
    await vi.waitFor(() => expect(connection.connected).toBe(false), waitLong);
    const events = someEvents(3);
    await append(events);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sorted(pending())).toEqual(sorted(ids(events)));

    await proxy.restore();

    await vi.waitFor(() => expect(sorted(ids(handler.handled))).toEqual(sorted(ids(events))), waitLong);
    await vi.waitFor(() => expect(pending()).toEqual([]), waitLong);
  });

  it('stops gracefully: running jobs finish and are acked', async () => {
    const handler = aHandler('graceful').takingMs(300).build();
    const { consumer } = await startConsumer([handler]);
    const { feed, append } = outbox();
    await append(someEvents(3));
    await startRelay(feed);
    await vi.waitFor(() => expect(consumer.inFlight).toBe(3), waitLong);

    await consumer.stop(5000);

    expect(handler.handled).toHaveLength(3);
    const { model, channel } = await openAdmin();
    expect((await channel.checkQueue(workQueueName(prefix, 'graceful'))).messageCount).toBe(0);
    await model.close();
  });

  it('stops within the grace period by requeueing jobs still running', async () => {
    const handler = aHandler('impatient').takingMs(3000).build();
    const { consumer } = await startConsumer([handler]);
    const { feed, append } = outbox();
    await append(someEvents(2));
    await startRelay(feed);
    await vi.waitFor(() => expect(consumer.inFlight).toBe(2), waitLong);

    const started = Date.now();
    await consumer.stop(100);

    expect(Date.now() - started).toBeLessThan(2000);
    const { model, channel } = await openAdmin();
    await vi.waitFor(async () => expect((await channel.checkQueue(workQueueName(prefix, 'impatient'))).messageCount).toBe(2), waitLong);
    await model.close();
  });

  it('stops relay, consumers and connections in bounded time while the broker is unreachable', async () => {
    const proxy = await brokerProxy();
    onCleanup(() => proxy.close());
    const handler = aHandler('down-stop').takingMs(200).build();
    const consumer = new AmqpJobConsumer({ prefix, handlers: [handler], retry, timeoutMs: 1000 });
    track([], [handler]);
    const { feed, append } = outbox();
    const relay = new AmqpOutboxRelay({ feed, clock: systemClock, prefix, timeoutMs: 1000, pollIntervalMs: 50 });
    const connection = await AmqpConnection.open(proxy.url, [consumer, relay], { recovery });
    relay.start();
    await append(someEvents(2));
    await vi.waitFor(() => expect(handler.calls.length).toBeGreaterThan(0), waitLong);
    await proxy.cut();

    const started = Date.now();
    await consumer.stop(500);
    await relay.stop();
    await connection.close(1000);

    expect(Date.now() - started).toBeLessThan(5000);
  });
});
