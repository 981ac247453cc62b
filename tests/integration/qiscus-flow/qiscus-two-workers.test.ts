import { describe, expect, it } from 'vitest';
import { flowStoreKinds, type FlowStoreKind } from '../../support/qiscus-stores.ts';
import { assignedOnQiscus, expectInvariants, roomTickets, servedRoomIds, waitingRoomIds } from './qiscus-flow-snapshot.ts';
import { useQiscusFlowWorld, type QiscusFlowWorld } from './qiscus-flow-world.ts';

// Row locks only mean something on MariaDB/MySQL; each job process has its own connection pool on one database.
const mariadb = (await flowStoreKinds()).find((kind) => kind.name === 'mariadb');

/** Three agents, ten rooms whose customers all write at once (each webhook twice), while three job processes drain one outbox. */
const burst = async (w: QiscusFlowWorld) => {
  const admin = await w.staffToken('admin');
  await w.connect(admin);
  w.fake.duplicateWebhooks();
  w.fake.lagCustomerCount(5);
  for (let i = 0; i < 3; i++) w.fake.addAgent();
  const processes = [w.main, await w.anotherJobProcess(), await w.anotherJobProcess()];
  const workers = processes.map((p) => p.runner);
  const rooms = Array.from({ length: 10 }, () => w.nextRoomId());
  const writes = Promise.all(rooms.map((roomId) => w.fake.customerWrites(roomId)));
  await w.runConcurrently(workers, writes);
  expect((await writes).flat()).toEqual(Array(20).fill(200));
  for (const p of processes) expect(p.claimed(), 'entries claimed by each process').toBeGreaterThan(0);
  return { admin, rooms, workers };
};

const expectServedAndWaiting = async (w: QiscusFlowWorld, rooms: ReadonlyArray<string>, served: number) => {
  const s = await w.snapshot();
  expectInvariants(s);
  expect(servedRoomIds(s)).toHaveLength(served);
  expect(waitingRoomIds(s)).toHaveLength(rooms.length - served);
  for (const roomId of rooms) {
    expect(roomTickets(s, roomId), `tickets of room ${roomId}`).toHaveLength(1);
    expect(assignedOnQiscus(w.fake, roomId), `assigns of room ${roomId}`).toBeLessThanOrEqual(1);
  }
  expect([...w.fake.state.rooms.values()].filter((r) => r.agentIds.length === 1)).toHaveLength(served);
  return s;
};

describe.runIf(mariadb !== undefined)('Qiscus allocation with job processes racing on one MariaDB database', () => {
  // One entry per claim, so the processes interleave event by event.
  const world = useQiscusFlowWorld(mariadb as FlowStoreKind, { batchSize: 1 });

  it('assigns each room once and nobody past capacity; resolves drain the queue first come, first served', async () => {
    const w = world();
    const { admin, rooms, workers } = await burst(w);
    const s = await expectServedAndWaiting(w, rooms, 6);
    for (const roomId of rooms) expect(w.fake.assignCallsFor(roomId).length, `assign calls of room ${roomId}`).toBeLessThanOrEqual(1);
    const waiting = waitingRoomIds(s);
    expect((await w.request('POST', '/api/v1/settings/set_mark_as_resolved', { token: admin })).status).toBe(200);
    const resolved = servedRoomIds(s).slice(0, 3);
    await w.runConcurrently(workers, Promise.resolve().then(() => resolved.forEach((roomId) => w.fake.resolveFromDashboard(roomId))));
    const after = await w.snapshot();
    expectInvariants(after);
    for (const roomId of resolved) expect(roomTickets(after, roomId)[0]?.status).toBe('resolved');
    expect(servedRoomIds(after).sort()).toEqual([...servedRoomIds(s).slice(3), ...waiting.slice(0, 3)].sort());
    expect(waitingRoomIds(after)).toEqual(waiting.slice(3));
  });

  it('keeps the invariants when assigns fail (5xx, timeouts) and both processes sweep at once', async () => {
    const w = world();
    w.fake.failNextAssigns(3, 502);
    w.fake.failNextAssigns(1, 'timeout', { applied: true });
    w.fake.failNextAssigns(2, 503);
    w.fake.failNextAssigns(1, 'timeout');
    const { rooms, workers } = await burst(w);
    const other = await w.anotherJobProcess();
    await w.runConcurrently(workers, Promise.all([w.sweep(), other.jobs.sweeps.find((s) => s.name === 'qiscus-sweep')?.sweep()]));
    await expectServedAndWaiting(w, rooms, 6);
  });
});
