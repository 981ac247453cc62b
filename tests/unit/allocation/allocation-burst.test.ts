import { Effect } from 'effect';
import { describe, expect, it } from 'vitest';
import { allocationHandler } from '../../../apps/shared/allocation-jobs.ts';
import { domainEvent, type DomainEvent } from '../../../core/shared/events.ts';
import type { UnitOfWork } from '../../../core/shared/unit-of-work.port.ts';
import type { TenantDirectory } from '../../../core/tenancy/tenant-directory.port.ts';
import { aTenant, at, freshId } from '../../support/allocation-builders.ts';
import { allocationWorld } from './allocation-world.ts';

/** The world's unit of work, counting exclusive sections; the first one waits until `release()`. */
const heldAtFirstDrain = (uow: UnitOfWork) => {
  let release = (): void => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let reached = (): void => {};
  const firstReached = new Promise<void>((resolve) => (reached = resolve));
  const counted = {
    sections: 0,
    transaction: uow.transaction.bind(uow),
    read: uow.read.bind(uow),
    exclusive: <A, E>(tenantId: string, work: Parameters<UnitOfWork['exclusive']>[1]) => {
      counted.sections += 1;
      const section = uow.exclusive(tenantId, work as never) as Effect.Effect<A, E>;
      if (counted.sections > 1) return section;
      reached();
      return Effect.andThen(Effect.promise(() => released), section);
    },
  };
  return { uow: counted as unknown as UnitOfWork & { sections: number }, counted, release, firstReached };
};

const created = (tenantId: string, ticketId: string): DomainEvent =>
  domainEvent('ticket.created', { id: freshId(), tenantId, occurredAt: new Date() }, { ticketId, channel: 'api', priority: 'medium', autoAssign: true });

describe('a burst of allocation triggers for one tenant', () => {
  it('costs two drains, not one per ticket, and each job returns only once a drain covered its ticket', async () => {
    const world = await allocationWorld(aTenant().withDefaultCapacity(1).build());
    for (let i = 0; i < 30; i++) await world.agent();
    const tickets = await world.tickets(...Array.from({ length: 40 }, (_, i) => (t: Parameters<Parameters<typeof world.tickets>[0]>[0]) => t.queuedAt(at(i))));
    const held = heldAtFirstDrain(world.uow);
    const handler = allocationHandler({ uow: held.uow, clock: world.clock, ids: world.ids, directory: {} as TenantDirectory });
    let returned = 0;
    const job = (ticketId: string) => Effect.runPromise(handler.handle(created(world.tenant.id, ticketId))).then(() => void (returned += 1));
    // The first trigger's drain is under way (held) when the 39 others arrive.
    const first = job(tickets[0]!.id);
    await held.firstReached;
    const jobs = [first, ...tickets.slice(1).map((t) => job(t.id))];
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(returned).toBe(0);
    held.release();
    await Promise.all(jobs);

    expect(held.counted.sections).toBe(2);
    const assigned = tickets.filter((t) => world.ticket(t.id).assignedAgentId !== null);
    // 30 agents × 1: the 30 oldest are served in queue order, the 10 others wait and are announced once each.
    expect(assigned.map((t) => t.id)).toEqual(tickets.slice(0, 30).map((t) => t.id));
    expect(new Set(assigned.map((t) => world.ticket(t.id).assignedAgentId)).size).toBe(30);
    expect(world.eventsOf('allocation.queued').map((e) => e.payload.ticketId).sort()).toEqual(tickets.slice(30).map((t) => t.id).sort());
  });

  it('costs two drains when the triggers arrive together (the first caller\'s, then one for all the others)', async () => {
    const world = await allocationWorld(aTenant().withDefaultCapacity(10).build());
    await world.agent();
    const tickets = await world.tickets(...Array.from({ length: 10 }, () => (t: Parameters<Parameters<typeof world.tickets>[0]>[0]) => t));
    const held = heldAtFirstDrain(world.uow);
    const handler = allocationHandler({ uow: held.uow, clock: world.clock, ids: world.ids, directory: {} as TenantDirectory });
    const jobs = tickets.map((t) => Effect.runPromise(handler.handle(created(world.tenant.id, t.id))));
    await held.firstReached;
    held.release();
    await Promise.all(jobs);
    expect(held.counted.sections).toBe(2);
    expect(tickets.filter((t) => world.ticket(t.id).assignedAgentId !== null)).toHaveLength(10);
  });

  it('fails every job of a failed drain, so each is retried', async () => {
    const world = await allocationWorld();
    await world.agent();
    const [a, b] = await world.tickets((t) => t, (t) => t);
    const failing = { ...world.uow, transaction: world.uow.transaction.bind(world.uow), read: world.uow.read.bind(world.uow), exclusive: () => Effect.die(new Error('store down')) } as unknown as UnitOfWork;
    const handler = allocationHandler({ uow: failing, clock: world.clock, ids: world.ids, directory: {} as TenantDirectory });
    const exits = await Promise.all([a, b].map((t) => Effect.runPromiseExit(handler.handle(created(world.tenant.id, t!.id)))));
    expect(exits.map((e) => e._tag)).toEqual(['Failure', 'Failure']);
  });
});
