import { expect } from 'vitest';
import { compareQueueOrder } from '../../../core/allocation/allocation.policy.ts';
import { isActive } from '../../../core/tickets/ticket.ts';
import type { FairnessWorld } from './fairness-world.ts';

/** Lets every held call, job and webhook of the world run until nothing is left to do. */
export const settle = async (world: FairnessWorld, release: () => Promise<unknown>, pending: () => number): Promise<void> => {
  for (let round = 0; round < 10_000; round++) {
    await release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (pending() === 0 && world.isIdle()) {
      await world.pump();
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (pending() === 0 && world.isIdle()) return;
    }
  }
  throw new Error('the world did not settle');
};

/** The invariants of API.md "Allocation" and "Qiscus", on a settled world. */
export const expectAllocationInvariants = (world: FairnessWorld): void => {
  // At every assignment: the agent had room, and no older waiting ticket had an eligible agent with room.
  expect(world.violations).toEqual([]);
  expect(world.failures).toEqual([]);
  const active = world.tickets().filter(isActive);
  // Every ticket is served or waits; nothing lost between the two (a room the platform says someone else serves leaves the queue).
  const servedElsewhere = (roomId: string | null) => roomId !== null && (world.platform.rooms.get(roomId)?.agentId ?? null) !== null;
  expect(active.filter((t) => t.assignedAgentId === null && t.queuedAt === null && !servedElsewhere(t.externalRef)).map((t) => t.id)).toEqual([]);
  // A room never has two active tickets.
  const perRoom = Map.groupBy(active.filter((t) => t.externalRef !== null), (t) => t.externalRef);
  expect([...perRoom].filter(([, tickets]) => tickets.length > 1).map(([room]) => room)).toEqual([]);
  // One ticket per session: a room has no more tickets than the platform opened sessions for it, or staff
  // ended here (the customer may write again before the platform is told, in the same session).
  const roomTickets = Map.groupBy(world.tickets().filter((t) => t.externalRef !== null), (t) => t.externalRef as string);
  const endedHere = new Set(
    [...world.uow.db.outbox.values()].flatMap(({ event }) => (event.type === 'ticket.status_changed' && event.payload.by !== 'platform' && !isActive({ status: event.payload.to }) ? [event.payload.ticketId] : [])),
  );
  const sessions = (roomId: string, tickets: ReadonlyArray<{ readonly id: string }>) => (world.platform.sessionsOpened.get(roomId) ?? 0) + tickets.filter((t) => endedHere.has(t.id)).length;
  const overCount = [...roomTickets].filter(([room, tickets]) => tickets.length > sessions(room, tickets));
  expect(overCount.map(([room, tickets]) => ({ room, tickets: tickets.length, sessions: sessions(room, tickets) }))).toEqual([]);
  // A room served here is served by that agent on the platform too.
  const platformIdOf = (userId: string | null) => world.platformUsers.findIndex((u) => u.id === userId);
  const apart = active.filter((t) => t.externalRef !== null && t.assignedAgentId !== null).filter((t) => {
    const room = world.platform.rooms.get(t.externalRef as string);
    return room === undefined || room.resolved || room.agentId !== String(100 + platformIdOf(t.assignedAgentId));
  });
  expect(apart.map((t) => ({ room: t.externalRef, platform: world.platform.rooms.get(t.externalRef as string) }))).toEqual([]);
  // No ticket was allocated twice: one allocator assignment per ticket (nothing here unassigns).
  const assignments = world.assignedEvents().map((e) => e.ticketId);
  expect(assignments.filter((id, i) => assignments.indexOf(id) !== i)).toEqual([]);
};

/** Settled, nobody waits while an agent who may take them has room (loads as the allocator counts them, platform holds included). */
export const expectNobodyWaitsNeedlessly = (world: FairnessWorld): void => {
  const active = world.tickets().filter(isActive);
  const loadOf = (agentId: string) =>
    active.filter((t) => t.assignedAgentId === agentId).length + (world.uow.db.reportedLoads.get(`${world.tenantId}:${agentId}`) ?? 0);
  const free = (ids: ReadonlyArray<string>) => ids.filter((id) => loadOf(id) < world.capacity);
  const waiting = world.waiting().sort(compareQueueOrder);
  const stuck = waiting.filter((t) => free(t.channel === 'qiscus' ? world.platformUsers.map((u) => u.id) : world.natives.map((u) => u.id)).length > 0);
  const describe = (t: (typeof waiting)[number]) => ({
    ticket: t.externalRef ?? t.id,
    free: free(t.channel === 'qiscus' ? world.platformUsers.map((u) => u.id) : world.natives.map((u) => u.id)),
    reported: Object.fromEntries([...world.uow.db.reportedLoads.values()].entries()),
    natives: world.natives.map((u) => u.id),
    platform: world.platformUsers.map((u) => u.id),
    served: active.filter((a) => a.assignedAgentId !== null).map((a) => [a.externalRef, a.assignedAgentId]),
    waiting: waiting.map((w) => w.externalRef ?? 'native'),
    rooms: [...world.platform.rooms.entries()],
  });
  expect(stuck.map(describe)).toEqual([]);
};
