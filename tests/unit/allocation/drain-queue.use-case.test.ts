import { Effect } from 'effect';
import { describe, expect, it } from 'vitest';
import { DrainQueueUseCase } from '../../../core/allocation/drain-queue.use-case.ts';
import { isActive } from '../../../core/tickets/ticket.ts';
import { aQueuedTicket, aTenant, at, freshId } from '../../support/allocation-builders.ts';
import { allocationWorld, failureOf, run } from './allocation-world.ts';

type World = Awaited<ReturnType<typeof allocationWorld>>;

const drainer = (world: World, batchSize = 50) => new DrainQueueUseCase({ uow: world.uow, clock: world.clock, ids: world.ids, batchSize });

const activeLoad = (world: World, agentId: string) =>
  [...world.uow.db.tickets.values()].filter((t) => t.assignedAgentId === agentId && isActive(t)).length;

describe('DrainQueueUseCase', () => {
  it('assigns waiting tickets in queue order and stops when every agent is at capacity', async () => {
    const world = await allocationWorld(aTenant().withDefaultCapacity(2).build());
    const ann = await world.agent();
    const bob = await world.agent();
    const [low, mediumLate, high, mediumEarly, lowLate] = await world.tickets(
      (t) => t.withPriority('low').queuedAt(at(1)),
      (t) => t.withPriority('medium').queuedAt(at(5)),
      (t) => t.withPriority('high').queuedAt(at(9)),
      (t) => t.withPriority('medium').queuedAt(at(2)),
      (t) => t.withPriority('low').queuedAt(at(3)),
    );

    const result = await run(drainer(world).execute({ tenantId: world.tenant.id }));

    const order = [high!, mediumEarly!, mediumLate!, low!].map((t) => t.id);
    expect(result).toMatchObject({ assigned: 4, more: false });
    expect(result.assignments.map((a) => a.ticketId)).toEqual(order);
    expect(world.eventsOf('ticket.assigned').map((e) => e.payload.ticketId)).toEqual(order);
    expect(world.ticket(lowLate!.id)).toMatchObject({ assignedAgentId: null, queuedAt: at(3) });
    expect(activeLoad(world, ann.id)).toBe(2);
    expect(activeLoad(world, bob.id)).toBe(2);
    expect(world.ticket(high!.id).queuedAt).toBeNull();
  });

  it('reaches native tickets however many platform rooms wait ahead of them in the queue', async () => {
    const world = await allocationWorld(aTenant().withDefaultCapacity(2).build());
    const ann = await world.agent();
    const rooms = Array.from({ length: 60 }, (_, n) => (t: ReturnType<typeof aQueuedTicket>) =>
      t.withPriority('high').queuedAt(at(n)).onPlatform(`room-${n}`));
    await world.tickets(...rooms);
    const [native] = await world.tickets((t) => t.withPriority('low').queuedAt(at(100)));

    const result = await run(drainer(world, 50).execute({ tenantId: world.tenant.id }));

    expect(result.assignments).toEqual([{ ticketId: native!.id, agentId: ann.id }]);
    expect([...world.uow.db.tickets.values()].filter((t) => t.channel === 'qiscus' && t.assignedAgentId !== null)).toEqual([]);
  });

  it('alternates between equally loaded agents, longest idle first, and records the decision', async () => {
    const world = await allocationWorld();
    const recent = await world.agent((a) => a.lastAssignedAt(at(100)));
    const idle = await world.agent((a) => a.lastAssignedAt(at(1)));
    const [first, second] = await world.tickets((t) => t.queuedAt(at(1)), (t) => t.queuedAt(at(2)));

    await run(drainer(world).execute({ tenantId: world.tenant.id }));

    expect(world.ticket(first!.id).assignedAgentId).toBe(idle.id);
    expect(world.ticket(second!.id).assignedAgentId).toBe(recent.id);
    const [event] = world.eventsOf('ticket.assigned');
    expect(event?.payload).toMatchObject({ agentId: idle.id, previousAgentId: null, by: 'allocator', decision: { reason: 'longest_idle' } });
    expect(event?.payload.decision?.candidates).toHaveLength(2);
    expect(world.user(idle.id).lastAssignedAt?.getTime()).toBeGreaterThan(at(100).getTime());
  });

  it('gives nothing to offline, inactive or zero-capacity agents', async () => {
    const world = await allocationWorld();
    await world.agent((a) => a.offline());
    await world.agent((a) => a.inactive());
    await world.agent((a) => a.capped(0));
    await world.tickets((t) => t);

    const result = await run(drainer(world).execute({ tenantId: world.tenant.id }));

    expect(result).toEqual({ assigned: 0, assignments: [], more: false });
    expect(world.eventsOf('ticket.assigned')).toEqual([]);
  });

  it('ignores tickets that are assigned, not queued or no longer active', async () => {
    const world = await allocationWorld();
    const agent = await world.agent((a) => a.capped(10));
    await world.tickets(
      (t) => t.queuedAt(null),
      (t) => t.withStatus('resolved'),
      (t) => t.withStatus('closed'),
    );
    const result = await run(drainer(world).execute({ tenantId: world.tenant.id }));
    expect(result.assigned).toBe(0);
    expect(activeLoad(world, agent.id)).toBe(0);
  });

  it('assigns at most one batch per call and says when more may remain', async () => {
    const world = await allocationWorld();
    await world.agent((a) => a.capped(10));
    await world.tickets((t) => t, (t) => t, (t) => t);

    const first = await run(drainer(world, 2).execute({ tenantId: world.tenant.id }));
    const second = await run(drainer(world, 2).execute({ tenantId: world.tenant.id }));

    expect(first).toMatchObject({ assigned: 2, more: true });
    expect(second).toMatchObject({ assigned: 1, more: false });
  });

  it('counts the load an external platform reported', async () => {
    const world = await allocationWorld(aTenant().withDefaultCapacity(2).build());
    const agent = await world.agent();
    await run(world.uow.transaction((store) => store.agents.reportLoad(world.tenant.id, agent.id, 2)));
    await world.tickets((t) => t);
    expect((await run(drainer(world).execute({ tenantId: world.tenant.id }))).assigned).toBe(0);
  });

  it('fails with NotFound for an unknown tenant', async () => {
    const world = await allocationWorld();
    const error = await failureOf(drainer(world).execute({ tenantId: freshId() }));
    expect(error).toMatchObject({ _tag: 'NotFound', entity: 'tenant' });
  });

  it('never assigns a ticket twice nor exceeds capacity when drains run concurrently', async () => {
    const world = await allocationWorld(aTenant().withDefaultCapacity(3).build());
    const agents = [await world.agent(), await world.agent(), await world.agent((a) => a.capped(1))];
    await world.tickets(...Array.from({ length: 12 }, (_, i) => (t: Parameters<Parameters<World['tickets']>[0]>[0]) => t.queuedAt(at(i))));

    const results = await run(
      Effect.all(Array.from({ length: 8 }, () => drainer(world, 2).execute({ tenantId: world.tenant.id })), { concurrency: 'unbounded' }),
    );

    const assignedIds = results.flatMap((r) => r.assignments.map((a) => a.ticketId));
    expect(assignedIds).toHaveLength(7);
    expect(new Set(assignedIds).size).toBe(7);
    expect(world.eventsOf('ticket.assigned')).toHaveLength(7);
    expect(agents.map((a) => activeLoad(world, a.id))).toEqual([3, 3, 1]);
  });
});
