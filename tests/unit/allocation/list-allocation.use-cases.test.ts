import { describe, expect, it } from 'vitest';
import { ListAgentLoadsUseCase } from '../../../core/allocation/list-agent-loads.use-case.ts';
import { ListQueueUseCase } from '../../../core/allocation/list-queue.use-case.ts';
import { aTenant, at } from '../../support/allocation-builders.ts';
import { allocationWorld, failureOf, run } from './allocation-world.ts';

describe('ListQueueUseCase', () => {
  it('lists waiting tickets in queue order with positions, page after page', async () => {
    const world = await allocationWorld();
    const [low, high, medium] = await world.tickets(
      (t) => t.withPriority('low').queuedAt(at(1)),
      (t) => t.withPriority('high').queuedAt(at(3)),
      (t) => t.withPriority('medium').queuedAt(at(2)),
      (t) => t.queuedAt(null),
    );
    const useCase = new ListQueueUseCase({ uow: world.uow });

    const first = await run(useCase.execute({ limit: 2, after: null }, world.admin));
    const second = await run(useCase.execute({ limit: 2, after: first.next }, world.admin));

    expect(first.items.map((q) => [q.ticket.id, q.position])).toEqual([[high!.id, 1], [medium!.id, 2]]);
    expect(first.items[0]?.ticket.queuedAt).toEqual(at(3));
    expect(second.items.map((q) => [q.ticket.id, q.position])).toEqual([[low!.id, 3]]);
    expect(second.next).toBeNull();
  });

  it('refuses an agent with Forbidden', async () => {
    const world = await allocationWorld();
    const error = await failureOf(new ListQueueUseCase({ uow: world.uow }).execute({ limit: 20, after: null }, world.agentActor));
    expect(error).toMatchObject({ _tag: 'Forbidden', action: 'allocation.view' });
  });
});

describe('ListAgentLoadsUseCase', () => {
  it('lists every active agent, online or not, with load and capacity', async () => {
    const world = await allocationWorld(aTenant().withDefaultCapacity(3).build());
    const online = await world.agent((a) => a.capped(5));
    const offline = await world.agent((a) => a.offline());
    await world.agent((a) => a.inactive());
    await world.agent((a) => a.admin());
    await world.tickets((t) => t.assignedTo(online.id), (t) => t.assignedTo(online.id), (t) => t.assignedTo(offline.id).withStatus('resolved'));
    await run(world.uow.transaction((store) => store.agents.reportLoad(world.tenant.id, offline.id, 2)));

    const page = await run(new ListAgentLoadsUseCase({ uow: world.uow }).execute({ limit: 20, after: null }, world.admin));

    expect(page.items).toEqual([
      { agentId: online.id, name: online.name, availability: 'online', load: 2, capacity: 5 },
      { agentId: offline.id, name: offline.name, availability: 'offline', load: 2, capacity: 3 },
    ]);
    expect(page.next).toBeNull();
  });

  it('refuses an agent with Forbidden', async () => {
    const world = await allocationWorld();
    const error = await failureOf(new ListAgentLoadsUseCase({ uow: world.uow }).execute({ limit: 20, after: null }, world.agentActor));
    expect(error).toMatchObject({ _tag: 'Forbidden' });
  });

  it('fails with NotFound when the actor’s tenant is gone', async () => {
    const world = await allocationWorld();
    const stranger = { ...world.admin, tenantId: 'no-such-tenant' };
    const error = await failureOf(new ListAgentLoadsUseCase({ uow: world.uow }).execute({ limit: 20, after: null }, stranger));
    expect(error).toMatchObject({ _tag: 'NotFound', entity: 'tenant' });
  });
});
