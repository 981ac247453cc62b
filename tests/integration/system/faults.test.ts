import type mysql from 'mysql2/promise';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { deadQueueName, exchangeName } from '../../../adapters/rabbitmq/amqp-topology.ts';
import { connect } from 'amqplib';
import { eventsPerTicket, eventually, LoadSampler, ticketStates, unpublishedEvents } from '../../support/system-probes.ts';
import { systemDescribe, systemServices } from '../../support/system-services.ts';
import { sendConversations, staffTenant, type StaffedTenant } from '../../support/system-tenant.ts';
import { openSystem, type SystemWorld } from '../../support/system-world.ts';

// The poison-job retry path (N attempts with backoff, then the dead-letter queue, others not held up) is
// covered at adapter level by tests/integration/rabbitmq/amqp-jobs.test.ts; here an undecodable message
// reaches the real worker processes. Worker SIGTERM with the broker cut is in worker-main.test.ts.
const services = await systemServices();
const agents = 5;
const capacity = 3;
const stream = 120;

const ticketCount = async (sql: mysql.Pool, tenantId: string): Promise<number> => (await ticketStates(sql, tenantId)).length;

/** Every conversation ends assigned or queued (`allocation.queued`), exactly `agents × capacity` assigned, none twice, routable events all sent. */
const expectAllSettled = async (world: SystemWorld, tenant: StaffedTenant, ids: ReadonlyArray<string>, timeoutMs: number) => {
  const { tickets } = await eventually(
    'every conversation assigned or queued',
    async () => ({ tickets: await ticketStates(world.sql, tenant.tenantId), queued: await eventsPerTicket(world.sql, tenant.tenantId, 'allocation.queued') }),
    ({ tickets, queued }) => tickets.length === ids.length && tickets.every((t) => t.assignedAgentId !== null || queued.has(t.id)),
    timeoutMs,
    250,
  );
  expect(new Set(tickets.map((t) => t.id))).toEqual(new Set(ids));
  expect(tickets.filter((t) => t.assignedAgentId !== null)).toHaveLength(agents * capacity);
  expect(tickets.filter((t) => t.assignedAgentId === null && t.queuedAt !== null)).toHaveLength(ids.length - agents * capacity);
  const assignedEvents = await eventsPerTicket(world.sql, tenant.tenantId, 'ticket.assigned');
  expect(assignedEvents.size).toBe(agents * capacity);
  expect([...assignedEvents.values()].every((n) => n === 1)).toBe(true);
  const routed = await world.routedTypes();
  await eventually('every routable event published', () => unpublishedEvents(world.sql, routed), (n) => n === 0, timeoutMs, 250);
};

systemDescribe('faults: a worker killed with SIGKILL mid-stream', services, (ready) => {
  let world: SystemWorld;
  let tenant: StaffedTenant;
  let sampler: LoadSampler;
  beforeAll(async () => {
    world = await openSystem(ready, { apis: 1, workers: 2 });
    tenant = await staffTenant(world, { agents, capacity });
    sampler = new LoadSampler(world.sql, tenant.tenantId, 20);
  }, 90_000);
  afterAll(async () => {
    await sampler?.stop();
    await world?.close();
  }, 60_000);

  it('loses nothing: the surviving and a restarted worker finish every conversation correctly', async () => {
    const [victim, survivor] = world.workers;
    const sending = sendConversations([world.apis[0]!.baseUrl], tenant.channel, stream, 6);
    await eventually('stream under way', () => ticketCount(world.sql, tenant.tenantId), (n) => n >= 30, 30_000, 20);

    expect(await victim!.signal('SIGKILL')).toBeNull();
    const ids = await sending;
    const restarted = await world.startWorker();

    // A relay killed between claim and publish leaves its rows leased (10 s by default); they are claimed again after it.
    await expectAllSettled(world, tenant, ids, 60_000);
    expect(sampler.highest).toBeLessThanOrEqual(capacity);
    expect(survivor!.alive() && restarted.alive()).toBe(true);
  }, 120_000);
});

systemDescribe('faults: broker connections closed, poison message, shutdown', services, (ready) => {
  let world: SystemWorld;
  let tenant: StaffedTenant;
  let sampler: LoadSampler;
  beforeAll(async () => {
    world = await openSystem(ready, { apis: 2, workers: 2 });
    tenant = await staffTenant(world, { agents, capacity });
    sampler = new LoadSampler(world.sql, tenant.tenantId, 20);
  }, 90_000);
  afterAll(async () => {
    await sampler?.stop();
    await world?.close();
  }, 60_000);

  it('survives `rabbitmqctl close_all_connections` mid-stream without restarts; the outbox catches up', async () => {
    const pids = [...world.apis, ...world.workers].map((p) => p.pid);
    const sending = sendConversations(world.apis.map((a) => a.baseUrl), tenant.channel, stream, 6);
    await eventually('stream under way', () => ticketCount(world.sql, tenant.tenantId), (n) => n >= 30, 30_000, 20);

    await world.closeBrokerConnections();
    const ids = await sending;

    await expectAllSettled(world, tenant, ids, 60_000);
    expect(sampler.highest).toBeLessThanOrEqual(capacity);
    expect([...world.apis, ...world.workers].every((p) => p.alive())).toBe(true);
    expect([...world.apis, ...world.workers].map((p) => p.pid)).toEqual(pids);
    for (const worker of world.workers) {
      expect(worker.output()).toContain('amqp disconnected; recovering');
      expect(worker.output().match(/"msg":"amqp connected"/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    }
    for (const api of world.apis) expect((await fetch(`${api.baseUrl}/readyz`)).status).toBe(200);
  }, 120_000);

  it('parks an undecodable message in the dead-letter queue while the jobs after it still run', async () => {
    const model = await connect(world.env.AMQP_URL!);
    const channel = await model.createChannel();
    try {
      channel.publish(exchangeName(world.prefix), 'ticket.created', Buffer.from('{not json'), { persistent: true, messageId: 'poison-1' });
      const more = await sendConversations(world.apis.map((a) => a.baseUrl), tenant.channel, 5, 5);
      const queued = await eventually(
        'the later conversations queued',
        () => eventsPerTicket(world.sql, tenant.tenantId, 'allocation.queued'),
        (q) => more.every((id) => q.has(id)),
        30_000,
      );
      expect(more.every((id) => queued.has(id))).toBe(true);
      const parked = await eventually('poison parked', () => channel.get(deadQueueName(world.prefix, 'allocation'), { noAck: true }), (m) => m !== false, 15_000);
      expect(parked && parked.properties.messageId).toBe('poison-1');
      expect(parked && String(parked.properties.headers?.['x-switchboard-failure'])).toContain('undecodable');
    } finally {
      await model.close();
    }
  }, 60_000);

  it('stops every worker and API with exit code 0 on SIGTERM', async () => {
    const codes = await Promise.all([...world.workers, ...world.apis].map((p) => p.signal('SIGTERM')));
    expect(codes).toEqual(Array(world.workers.length + world.apis.length).fill(0));
    for (const worker of world.workers) expect(worker.output()).toContain('worker stopped');
  }, 40_000);
});
