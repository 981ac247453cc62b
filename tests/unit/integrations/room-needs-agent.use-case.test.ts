import { describe, expect, it } from 'vitest';
import { failureOf, run, useIntegrationsWorld } from './integrations-world.ts';

describe('RoomNeedsAgentUseCase', () => {
  const world = useIntegrationsWorld();

  it('opens a queued qiscus ticket for the room, with the customer found by the payload user id', async () => {
    const w = world();
    await w.configure();
    const intake = await w.roomNeedsAgent('501');
    const ticket = w.ticket(intake.ticketId as string);
    const room = w.fake.state.rooms.get('501');
    expect(intake.outcome).toBe('created');
    expect(ticket).toMatchObject({ channel: 'qiscus', externalRef: '501', status: 'open', assignedAgentId: null });
    expect(ticket.queuedAt).not.toBeNull();
    expect(w.uow.db.customers.get(ticket.customerId)).toMatchObject({ externalId: room?.customer.userId, name: room?.customer.name });
    expect(w.eventsOf('room.queued').map((e) => e.payload)).toEqual([{ ticketId: ticket.id, roomId: '501' }]);
    expect(w.eventsOf('ticket.created')[0]?.payload).toMatchObject({ channel: 'qiscus', autoAssign: false });
  });

  it('leaves a waiting or served room as it is on repeated deliveries, concurrent ones included', async () => {
    const w = world();
    await w.configure();
    const intakes = await Promise.all([w.roomNeedsAgent('502'), w.roomNeedsAgent('502'), w.roomNeedsAgent('502')]);
    expect(intakes.map((i) => i.outcome).sort()).toEqual(['created', 'unchanged', 'unchanged']);
    expect(w.roomTickets('502')).toHaveLength(1);
    expect(w.eventsOf('room.queued')).toHaveLength(1);
  });

  it('opens a new ticket for a new session once the room’s ticket is resolved', async () => {
    const w = world();
    await w.configure();
    const first = await w.roomNeedsAgent('503');
    await run(w.useCases.changeStatus.execute({ ticketId: first.ticketId as string, status: 'resolved' }, w.admin));
    const second = await w.roomNeedsAgent('503');
    expect(second.outcome).toBe('created');
    expect(second.ticketId).not.toBe(first.ticketId);
    expect(w.roomTickets('503').map((t) => t.status).sort()).toEqual(['open', 'resolved']);
  });

  it('puts an active ticket that left the queue back in it when the room asks again', async () => {
    const w = world();
    await w.configure();
    const { ticketId } = await w.roomNeedsAgent('504');
    w.uow.db.tickets.set(ticketId as string, { ...w.ticket(ticketId as string), queuedAt: null });
    const again = await w.roomNeedsAgent('504');
    expect(again).toEqual({ outcome: 'requeued', ticketId });
    expect(w.ticket(ticketId as string).queuedAt).not.toBeNull();
  });

  it('fails with InvalidPlatformNotice for a payload without room_id, and writes nothing', async () => {
    const w = world();
    await w.configure();
    const { room_id: _room, ...payload } = w.caa('505');
    const error = await failureOf(w.useCases.roomNeedsAgent.execute({ tenantId: w.tenant.id, payload }));
    expect(error).toMatchObject({ _tag: 'InvalidPlatformNotice' });
    expect(w.tickets()).toHaveLength(0);
  });
});
