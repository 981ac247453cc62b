import { describe, expect, it } from 'vitest';
import { aTenant, seed } from '../../support/allocation-builders.ts';
import { aQiscusIntegration } from '../../support/integration-builders.ts';
import { run, useIntegrationsWorld } from './integrations-world.ts';

describe('ReconcileRoomsUseCase and SweepPlatformUseCase', () => {
  const world = useIntegrationsWorld();

  it('drops waiting rooms Qiscus reports served and resolves those it reports resolved', async () => {
    const w = world();
    await w.configure();
    const served = await w.roomNeedsAgent('901');
    const resolved = await w.roomNeedsAgent('902');
    const waiting = await w.roomNeedsAgent('903');
    w.fake.state.addAgentToRoom(w.fake.state.rooms.get('901') as never, w.fake.addAgent());
    w.fake.state.resolveRoom(w.fake.state.rooms.get('902') as never);
    const result = await run(w.useCases.reconcileRooms.execute({ tenantId: w.tenant.id }));
    expect(result).toEqual({ dropped: 1, resolved: 1, released: 0, requeued: 0, reopened: 0 });
    expect(w.ticket(served.ticketId as string)).toMatchObject({ status: 'open', queuedAt: null });
    expect(w.ticket(resolved.ticketId as string).status).toBe('resolved');
    expect(w.ticket(waiting.ticketId as string).queuedAt).not.toBeNull();
  });

  it('undoes a stale reservation whose room Qiscus still reports waiting, but not a fresh one', async () => {
    const w = world();
    await w.configure();
    const { ticketId } = await w.roomNeedsAgent('904');
    const ticket = w.ticket(ticketId as string);
    w.uow.db.tickets.set(ticket.id, { ...ticket, assignedAgentId: 'crashed-reservation', queuedAt: null, updatedAt: w.clock.now() });
    expect(await run(w.useCases.reconcileRooms.execute({ tenantId: w.tenant.id }))).toMatchObject({ released: 0 });
    w.clock.advance(6 * 60_000);
    expect(await run(w.useCases.reconcileRooms.execute({ tenantId: w.tenant.id }))).toMatchObject({ released: 1 });
    expect(w.ticket(ticket.id)).toMatchObject({ assignedAgentId: null, queuedAt: ticket.createdAt });
    expect(w.eventsOf('ticket.unassigned').map((e) => e.payload)).toEqual([{ ticketId: ticket.id, previousAgentId: 'crashed-reservation' }]);
  });

  it('sweeps every tenant with an integration: rooms get agents who came online without telling us', async () => {
    const w = world();
    await w.configure();
    const other = aTenant().build();
    await seed(w.uow, { tenant: other });
    await run(w.uow.transaction((s) => s.integrations.save(aQiscusIntegration(other.id).at('http://127.0.0.1:9').build())));
    const { ticketId } = await w.roomNeedsAgent('905');
    await w.drive();
    expect(w.ticket(ticketId as string).assignedAgentId).toBeNull();
    w.fake.addAgent({ email: 'late@example.com' });
    const result = await run(w.useCases.sweep.execute());
    expect(result.tenants).toBe(2);
    expect(result.assigned).toBe(1);
    expect(result.failures.map((f) => f.tenantId)).toEqual([other.id]);
    expect(w.ticket(ticketId as string).assignedAgentId).toBe(w.userByEmail('late@example.com')?.id);
  });
});
