import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FakeQiscus } from '../../support/fake-qiscus/fake-qiscus.ts';
import { eventually } from '../../support/system-probes.ts';
import { systemDescribe, systemServices } from '../../support/system-services.ts';
import { call, login, postConversation, type SignedChannel } from '../../support/system-tenant.ts';
import { openSystem, type SystemWorld } from '../../support/system-world.ts';

const services = await systemServices();
const rounds = 20;
const queued = 10;

interface Row {
  readonly id: string;
  readonly channel: string;
  readonly room: string | null;
  readonly status: string;
  readonly agent: string | null;
  readonly queuedAt: Date | null;
}

const byQueueOrder = (a: Row, b: Row) => (a.queuedAt?.getTime() ?? 0) - (b.queuedAt?.getTime() ?? 0) || (a.id < b.id ? -1 : 1);
const active = (r: Row) => r.status === 'open' || r.status === 'in_progress';

systemDescribe('strict queue order on MariaDB + RabbitMQ: 2 APIs, 2 workers, Qiscus with duplicate webhooks, latency and failing assigns', services, (ready) => {
  let world: SystemWorld;
  let fake: FakeQiscus;
  let admin: string;
  let channel: SignedChannel;
  const api = (i = 0) => world.apis[i % world.apis.length]?.baseUrl as string;

  const rows = async (): Promise<Row[]> => {
    const [result] = await world.sql.query(
      'select id, channel, external_ref as room, status, assigned_agent_id as agent, queued_at as queuedAt from tickets where tenant_id = ?',
      [world.tenant.id],
    );
    return result as Row[];
  };
  const lane = (all: ReadonlyArray<Row>, name: 'qiscus' | 'webhook') => {
    const mine = all.filter((r) => r.channel === name && active(r));
    return { served: mine.filter((r) => r.agent !== null), waiting: mine.filter((r) => r.agent === null && r.queuedAt !== null).sort(byQueueOrder) };
  };
  const unpublished = async (): Promise<number> => {
    const [result] = await world.sql.query('select count(*) as n from outbox where published_at is null and tenant_id = ?', [world.tenant.id]);
    return Number((result as Array<{ n: number }>)[0]?.n ?? 0);
  };
  const quiet = async () => {
    await fake.settled();
    await eventually('every event published', unpublished, (n) => n === 0, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await fake.settled();
    await eventually('every event published', unpublished, (n) => n === 0, 20_000);
  };
  let customers = 0;
  const nativeConversation = async () => {
    const reply = await postConversation(api(customers), channel, `fair-${randomUUID().slice(0, 8)}-${customers++}`);
    expect(reply.status).toBe(202);
  };
  let roomCount = 0;
  const newRoom = async () => {
    const roomId = `${7_000_000 + ++roomCount}`;
    await fake.customerWrites(roomId);
    return roomId;
  };

  beforeAll(async () => {
    world = await openSystem(ready, { apis: 2, workers: 2, env: { ALLOCATION_SWEEP_SECONDS: '2' } });
    fake = await FakeQiscus.start();
    admin = await login(api(), world.tenant.adminEmail, world.tenant.adminPassword);
    expect((await call(api(), 'PATCH', '/api/settings', { max_customers_per_agent: 1 }, admin)).status).toBe(200);
    const { credentials } = fake;
    const integration = await call(api(), 'PUT', '/api/integrations/qiscus', {
      app_code: credentials.appCode, secret_key: credentials.secretKey, base_url: fake.baseUrl, admin_email: credentials.adminEmail, admin_password: credentials.adminPassword,
    }, admin);
    expect(integration.status).toBe(200);
    fake.configureAllocationWebhook(integration.body.agent_allocation_url);
    expect((await call(api(1), 'POST', '/api/v1/settings/set_mark_as_resolved', {}, admin)).status).toBe(200);
    for (let i = 0; i < 3; i++) fake.addAgent();
    for (let i = 0; i < 2; i++) {
      const email = `native-${i}-${world.prefix}@system.test`;
      const created = await call(api(), 'POST', '/api/users', { email, name: `Native ${i}`, password: 'native-pass-123', role: 'agent' }, admin);
      const token = await login(api(), email, 'native-pass-123');
      expect((await call(api(), 'PATCH', '/api/me/availability', { availability: 'online' }, token)).status).toBe(200);
      expect(created.status).toBe(201);
    }
    channel = (await call(api(), 'POST', '/api/channels', { name: 'web' }, admin)).body as SignedChannel;
    fake.duplicateWebhooks();
    fake.latency(15);
  }, 120_000);
  afterAll(async () => {
    await fake?.close();
    await world?.close();
  }, 60_000);

  it('gives a room that asks again after Qiscus resolved it a new ticket, allocated — 20 times', async () => {
    const roomId = await newRoom();
    for (let session = 1; session <= 20; session++) {
      if (session > 1) await fake.customerWrites(roomId);
      const served = await eventually(`session ${session} served`, rows, (all) => all.some((r) => r.room === roomId && active(r) && r.agent !== null), 20_000);
      expect(served.filter((r) => r.room === roomId)).toHaveLength(session);
      expect(served.filter((r) => r.room === roomId && active(r))).toHaveLength(1);
      fake.resolveFromDashboard(roomId);
      await eventually(`session ${session} resolved`, rows, (all) => all.filter((r) => r.room === roomId).every((r) => !active(r)), 20_000);
    }
    await quiet();
    const tickets = (await rows()).filter((r) => r.room === roomId);
    expect(tickets).toHaveLength(20);
    expect(tickets.every((r) => r.status === 'resolved')).toBe(true);
  }, 300_000);

  it('serves exactly the oldest waiting tickets of each lane, in order, as places free up one and two at a time', async () => {
    for (let i = 0; i < 3 + queued; i++) await newRoom();
    for (let i = 0; i < 2 + queued; i++) await nativeConversation();
    await eventually('both lanes full with a queue behind', rows, (all) => {
      const rooms = lane(all, 'qiscus');
      const natives = lane(all, 'webhook');
      return rooms.served.length === 3 && rooms.waiting.length === queued && natives.served.length === 2 && natives.waiting.length === queued;
    }, 30_000);
    await quiet();
    for (let round = 1; round <= rounds; round++) {
      const freed = round % 2 === 0 ? 2 : 1;
      const before = await rows();
      const rooms = lane(before, 'qiscus');
      const natives = lane(before, 'webhook');
      const expectRooms = [...rooms.served.slice(freed), ...rooms.waiting.slice(0, freed)].map((r) => r.id).sort();
      const expectNatives = [...natives.served.slice(freed), ...natives.waiting.slice(0, freed)].map((r) => r.id).sort();
      if (round % 3 === 0) fake.failNextAssigns(1, 502);
      for (const room of rooms.served.slice(0, freed)) fake.resolveFromDashboard(room.room as string);
      await Promise.all(
        natives.served.slice(0, freed).map(async (t, i) => expect((await call(api(i), 'PATCH', `/api/tickets/${t.id}/status`, { status: 'resolved' }, admin)).status).toBe(200)),
      );
      // The resolve webhooks answered first: before that the freed rooms still count as served.
      await fake.settled();
      const after = await eventually(`round ${round} settled`, rows, (all) => lane(all, 'qiscus').served.length === 3 && lane(all, 'webhook').served.length === 2, 30_000);
      await quiet();
      const settled = await rows();
      expect({ round, rooms: lane(settled, 'qiscus').served.map((r) => r.id).sort() }).toEqual({ round, rooms: expectRooms });
      expect({ round, natives: lane(settled, 'webhook').served.map((r) => r.id).sort() }).toEqual({ round, natives: expectNatives });
      expect(lane(after, 'qiscus').waiting.map((r) => r.id)).toEqual(rooms.waiting.slice(freed).map((r) => r.id));
      // Keep 10 waiting in each lane for the next round.
      for (let i = 0; i < freed; i++) {
        await newRoom();
        await nativeConversation();
      }
      await eventually(`round ${round} refilled`, rows, (all) => lane(all, 'qiscus').waiting.length === queued && lane(all, 'webhook').waiting.length === queued, 30_000);
    }
    for (const [roomId, room] of fake.state.rooms) expect({ roomId, agents: room.agentIds.length <= 1 }).toEqual({ roomId, agents: true });
  }, 600_000);
});
