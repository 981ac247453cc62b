import { describe, expect, it } from 'vitest';
import { deliverWebhook } from '../../support/fake-qiscus/fake-qiscus-webhooks.ts';
import { flowStoreKinds } from '../../support/qiscus-stores.ts';
import { assignedOnQiscus, expectInvariants, roomTickets, servedRoomIds, waitingRoomIds } from './qiscus-flow-snapshot.ts';
import { useQiscusFlowWorld, type QiscusFlowWorld } from './qiscus-flow-world.ts';

const kinds = await flowStoreKinds();

/** Three Qiscus agents, ten customers writing in order, every webhook delivered twice at once. */
const tenRooms = async (w: QiscusFlowWorld) => {
  const admin = await w.staffToken('admin');
  await w.connect(admin);
  w.fake.duplicateWebhooks();
  for (let i = 0; i < 3; i++) w.fake.addAgent();
  const rooms = Array.from({ length: 10 }, () => w.nextRoomId());
  for (const roomId of rooms) {
    expect(await w.fake.customerWrites(roomId)).toEqual([200, 200]);
    await w.settle();
    expectInvariants(await w.snapshot());
  }
  return { admin, rooms };
};

describe.each(kinds)('Qiscus custom agent allocation, end to end over HTTP with the apps jobs, on $name', (kind) => {
  const world = useQiscusFlowWorld(kind);

  it('3 agents of capacity 2 and 10 rooms: 6 served, 4 waiting in arrival order, one assign per room despite duplicates', async () => {
    const w = world();
    const { rooms } = await tenRooms(w);
    for (const roomId of rooms) await w.fake.customerWrites(roomId);
    await w.settle();
    const s = await w.snapshot();
    expectInvariants(s);
    expect(servedRoomIds(s).sort()).toEqual(rooms.slice(0, 6).sort());
    expect(waitingRoomIds(s)).toEqual(rooms.slice(6));
    for (const roomId of rooms) {
      expect(roomTickets(s, roomId)).toHaveLength(1);
      expect(w.fake.assignCallsFor(roomId)).toHaveLength(rooms.indexOf(roomId) < 6 ? 1 : 0);
    }
    expect(s.userByEmail.size).toBe(3);
    expect((await w.events()).filter((e) => e.type === 'ticket.assigned')).toHaveLength(6);
  });

  it('opens one ticket and assigns once when one room is delivered many times at the same moment', async () => {
    const w = world();
    const admin = await w.staffToken('admin');
    const { agent_allocation_url: url } = await w.connect(admin);
    w.fake.addAgent();
    const roomId = w.nextRoomId();
    const payload = w.caa(roomId);
    const answers = await Promise.all([deliverWebhook(url, payload, 4), deliverWebhook(url, payload, 4)]);
    expect(answers.flat()).toEqual(Array(8).fill(200));
    await w.settle();
    expect(await deliverWebhook(url, payload, 3)).toEqual([200, 200, 200]);
    await w.settle();
    const s = await w.snapshot();
    expect(roomTickets(s, roomId)).toHaveLength(1);
    expect(servedRoomIds(s)).toEqual([roomId]);
    expect(w.fake.assignCallsFor(roomId)).toHaveLength(1);
    expect((await w.events()).filter((e) => e.type === 'ticket.created')).toHaveLength(1);
  });

  it('resolves drain the waiting rooms first come, first served', async () => {
    const w = world();
    const { admin, rooms } = await tenRooms(w);
    const registered = await w.request('POST', '/api/v1/settings/set_mark_as_resolved', { token: admin });
    expect(registered.status).toBe(200);
    w.fake.resolveFromDashboard(rooms[3] as string, w.fake.state.agents[0]);
    await w.settle();
    let s = await w.snapshot();
    expect(roomTickets(s, rooms[3] as string)[0]?.status).toBe('resolved');
    expect(waitingRoomIds(s)).toEqual(rooms.slice(7));
    expect(servedRoomIds(s)).toContain(rooms[6]);
    w.fake.resolveFromDashboard(rooms[0] as string);
    await w.settle();
    s = await w.snapshot();
    expect(waitingRoomIds(s)).toEqual(rooms.slice(8));
    expect(servedRoomIds(s)).toContain(rooms[7]);
    expectInvariants(s);
  });

  it('keeps the invariants while Qiscus lags in reporting load and assigns fail (5xx, timeouts)', async () => {
    const w = world();
    const admin = await w.staffToken('admin');
    await w.connect(admin);
    w.fake.duplicateWebhooks();
    w.fake.lagCustomerCount(5);
    for (let i = 0; i < 3; i++) w.fake.addAgent();
    w.fake.failNextAssigns(4, 502);
    w.fake.failNextAssigns(1, 'timeout', { applied: true });
    w.fake.failNextAssigns(1, 'timeout');
    const rooms = Array.from({ length: 10 }, () => w.nextRoomId());
    await Promise.all(rooms.map((roomId) => w.fake.customerWrites(roomId)));
    await w.settle();
    expectInvariants(await w.snapshot());
    await w.sweep();
    await w.settle();
    const s = await w.snapshot();
    expectInvariants(s);
    expect(servedRoomIds(s)).toHaveLength(6);
    expect(waitingRoomIds(s)).toHaveLength(4);
    for (const roomId of rooms) {
      expect(roomTickets(s, roomId)).toHaveLength(1);
      expect(assignedOnQiscus(w.fake, roomId)).toBeLessThanOrEqual(1);
    }
    expect([...w.fake.state.rooms.values()].filter((r) => r.agentIds.length === 1)).toHaveLength(6);
  });

  it('refuses a wrong token or another app with 401 and no effect, and a payload without room_id with 422', async () => {
    const w = world();
    const admin = await w.staffToken('admin');
    const { webhook_token: token } = await w.connect(admin);
    const payload = w.caa('555');
    const before = (await w.events()).length;
    expect((await w.request('POST', '/api/v1/webhook/agent_allocation?token=wrong-token-0123456789', { body: payload })).status).toBe(401);
    expect((await w.request('POST', '/api/v1/webhook/agent_allocation', { body: payload })).status).toBe(401);
    const foreign = await w.request('POST', `/api/v1/webhook/agent_allocation?token=${token}`, { body: { ...payload, app_id: 'other-app' } });
    expect(foreign.status).toBe(401);
    expect(foreign.body.error.code).toBe('unauthenticated');
    expect((await w.request('POST', `/api/v1/webhook/mark_as_resolved?token=x${token}`, { body: w.resolvePayload('555') })).status).toBe(401);
    await w.settle();
    expect((await w.snapshot()).tickets).toHaveLength(0);
    expect(await w.events()).toHaveLength(before);
    const { room_id: _room, ...noRoom } = payload;
    const invalid = await w.request('POST', `/api/v1/webhook/agent_allocation?token=${token}`, { body: noRoom });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.code).toBe('validation_failed');
    const ok = await w.request('POST', `/api/v1/webhook/agent_allocation?token=${token}`, { body: payload });
    expect(ok).toEqual({ status: 200, body: { status: 'accepted' } });
    expect(roomTickets(await w.snapshot(), '555')).toHaveLength(1);
  });

  it('serves the admin endpoints: 404 before configuration, 422 without required fields, 403 to agents, no secrets', async () => {
    const w = world();
    const admin = await w.staffToken('admin');
    const agent = await w.staffToken('agent');
    expect((await w.request('GET', '/api/integrations/qiscus', { token: admin })).status).toBe(404);
    expect((await w.request('POST', '/api/v1/settings/set_mark_as_resolved', { token: admin })).status).toBe(404);
    const missing = await w.request('PUT', '/api/integrations/qiscus', { token: admin, body: { app_code: 'a' } });
    expect(missing.status).toBe(422);
    expect(missing.body.error.details).toEqual([{ path: 'secret_key', message: 'is required' }]);
    expect((await w.request('PUT', '/api/integrations/qiscus', { token: agent, body: { app_code: 'a', secret_key: 'k' } })).status).toBe(403);
    const connected = await w.connect(admin);
    const read = await w.request('GET', '/api/integrations/qiscus', { token: admin });
    expect(read.body).toEqual(connected);
    expect(JSON.stringify(read.body)).not.toContain(w.fake.credentials.secretKey);
    expect(JSON.stringify(read.body)).not.toContain(w.fake.credentials.adminPassword);
    expect(read.body.mark_as_resolved_url).toBe(`${w.baseUrl}/api/v1/webhook/mark_as_resolved?token=${connected.webhook_token}`);
  });

  it('answers 502 when Qiscus fails while registering the resolve webhook', async () => {
    const w = world();
    const admin = await w.staffToken('admin');
    const { credentials } = w.fake;
    await w.request('PUT', '/api/integrations/qiscus', {
      token: admin,
      body: { app_code: credentials.appCode, secret_key: credentials.secretKey, base_url: 'http://127.0.0.1:9', admin_email: 'a@b.c', admin_password: 'pw' },
    });
    const res = await w.request('POST', '/api/v1/settings/set_mark_as_resolved', { token: admin, body: { enabled: true } });
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('upstream_error');
  });
});
