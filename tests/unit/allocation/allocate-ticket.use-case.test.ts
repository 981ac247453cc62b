import { Effect } from 'effect';
import { describe, expect, it } from 'vitest';
import { AllocateTicketUseCase } from '../../../core/allocation/allocate-ticket.use-case.ts';
import { aTenant, at, freshId } from '../../support/allocation-builders.ts';
import { allocationWorld, failureOf, run } from './allocation-world.ts';

type World = Awaited<ReturnType<typeof allocationWorld>>;

const allocator = (world: World, batchSize = 50) => new AllocateTicketUseCase({ uow: world.uow, clock: world.clock, ids: world.ids, batchSize });

describe('AllocateTicketUseCase', () => {
  it('assigns a waiting ticket when an agent has room', async () => {
    const world = await allocationWorld();
    const agent = await world.agent();
    const [ticket] = await world.tickets((t) => t);

    const outcome = await run(allocator(world).execute({ tenantId: world.tenant.id, ticketId: ticket!.id }));

    expect(outcome).toEqual({ outcome: 'assigned', agentId: agent.id });
    expect(world.ticket(ticket!.id)).toMatchObject({ assignedAgentId: agent.id, queuedAt: null });
    expect(world.eventsOf('allocation.queued')).toEqual([]);
  });

  it('leaves the ticket queued and says so once with the decision when no agent has room', async () => {
    const world = await allocationWorld(aTenant().withDefaultCapacity(1).build());
    const agent = await world.agent();
    const [earlier, later] = await world.tickets((t) => t.withPriority('high').queuedAt(at(5)), (t) => t.queuedAt(at(1)));

    const outcome = await run(allocator(world).execute({ tenantId: world.tenant.id, ticketId: later!.id }));

    expect(world.ticket(earlier!.id).assignedAgentId).toBe(agent.id);
    expect(outcome).toEqual({ outcome: 'queued', decision: { candidates: [{ agentId: agent.id, load: 1, capacity: 1 }], considered: 1, reason: 'no_capacity' } });
    const queued = world.eventsOf('allocation.queued');
    expect(queued).toHaveLength(1);
    expect(queued[0]?.payload).toEqual({ ticketId: later!.id, decision: (outcome as { decision: unknown }).decision });
    expect(world.ticket(later!.id)).toMatchObject({ assignedAgentId: null, queuedAt: at(1) });
  });

  it('reports no agent online', async () => {
    const world = await allocationWorld();
    await world.agent((a) => a.offline());
    const [ticket] = await world.tickets((t) => t);
    const outcome = await run(allocator(world).execute({ tenantId: world.tenant.id, ticketId: ticket!.id }));
    expect(outcome).toEqual({ outcome: 'queued', decision: { candidates: [], considered: 0, reason: 'no_agent_online' } });
  });

  it('drains batch after batch until the ticket deep in the queue is reached', async () => {
    const world = await allocationWorld();
    const agent = await world.agent((a) => a.capped(10));
    const tickets = await world.tickets(...Array.from({ length: 5 }, (_, i) => (t: Parameters<Parameters<World['tickets']>[0]>[0]) => t.queuedAt(at(i))));
    const last = tickets[4]!;

    const outcome = await run(allocator(world, 2).execute({ tenantId: world.tenant.id, ticketId: last.id }));

    expect(outcome).toEqual({ outcome: 'assigned', agentId: agent.id });
    expect(tickets.every((t) => world.ticket(t.id).assignedAgentId === agent.id)).toBe(true);
  });

  it('does nothing for a ticket that no longer waits, but still drains freed capacity', async () => {
    const world = await allocationWorld();
    const agent = await world.agent();
    const [assigned, waiting] = await world.tickets((t) => t.assignedTo(agent.id), (t) => t);

    const outcome = await run(allocator(world).execute({ tenantId: world.tenant.id, ticketId: assigned!.id }));

    expect(outcome).toEqual({ outcome: 'not_waiting' });
    expect(world.ticket(waiting!.id).assignedAgentId).toBe(agent.id);
    expect(world.eventsOf('allocation.queued')).toEqual([]);
  });

  it('never allocates a ticket twice when called concurrently', async () => {
    const world = await allocationWorld();
    await world.agent();
    await world.agent();
    const [ticket] = await world.tickets((t) => t);
    const outcomes = await run(
      Effect.all(Array.from({ length: 5 }, () => allocator(world).execute({ tenantId: world.tenant.id, ticketId: ticket!.id })), { concurrency: 'unbounded' }),
    );
    expect(outcomes.filter((o) => o.outcome === 'assigned')).toHaveLength(1);
    expect(world.eventsOf('ticket.assigned')).toHaveLength(1);
  });

  it('fails with NotFound for an unknown or foreign ticket', async () => {
    const world = await allocationWorld();
    const other = await allocationWorld();
    const [foreign] = await other.tickets((t) => t);
    await expect(failureOf(allocator(world).execute({ tenantId: world.tenant.id, ticketId: freshId() }))).resolves.toMatchObject({ _tag: 'NotFound', entity: 'ticket' });
    await expect(failureOf(allocator(world).execute({ tenantId: world.tenant.id, ticketId: foreign!.id }))).resolves.toMatchObject({ _tag: 'NotFound' });
  });
});
