import { describe, expect, it } from 'vitest';
import { ChangeTicketStatusUseCase } from '../../../core/tickets/change-ticket-status.use-case.ts';
import { expectFailure, run, ticketsWorld } from './tickets-world.ts';

describe('ChangeTicketStatusUseCase', () => {
  it('lets an admin resolve a queued ticket: it leaves the queue and ticket.status_changed is emitted', async () => {
    const w = await ticketsWorld();
    const ticket = await w.givenTicket((t) => t.queuedAt(w.clock.now()));
    w.clock.advance(1000);
    const changed = await run(new ChangeTicketStatusUseCase(w.deps).execute({ ticketId: ticket.id, status: 'resolved' }, w.asAdmin));
    expect(changed).toMatchObject({ status: 'resolved', queuedAt: null, updatedAt: w.clock.now() });
    expect(await w.storedTicket(ticket.id)).toEqual(changed);
    expect(w.eventsOf('ticket.status_changed').map((e) => e.payload)).toEqual([
      { ticketId: ticket.id, from: 'open', to: 'resolved', agentId: null },
    ]);
  });

  it('lets an agent change the status of a ticket assigned to them', async () => {
    const w = await ticketsWorld();
    const ticket = await w.givenTicket((t) => t.assignedTo(w.agent.id));
    const changed = await run(new ChangeTicketStatusUseCase(w.deps).execute({ ticketId: ticket.id, status: 'in_progress' }, w.asAgent));
    expect(changed.status).toBe('in_progress');
    expect(w.eventsOf('ticket.status_changed')[0]?.payload.agentId).toBe(w.agent.id);
  });

  it('answers Forbidden to an agent on someone else’s or an unassigned ticket, and changes nothing', async () => {
    const w = await ticketsWorld();
    const theirs = await w.givenTicket((t) => t.assignedTo(w.otherAgent.id));
    const nobodys = await w.givenTicket();
    for (const ticket of [theirs, nobodys]) {
      await expectFailure(new ChangeTicketStatusUseCase(w.deps).execute({ ticketId: ticket.id, status: 'closed' }, w.asAgent), 'Forbidden');
      expect((await w.storedTicket(ticket.id))?.status).toBe('open');
    }
    expect(w.events()).toEqual([]);
  });

  it('answers NotFound before Forbidden: an agent asking about a missing or foreign ticket gets NotFound', async () => {
    const w = await ticketsWorld();
    await expectFailure(new ChangeTicketStatusUseCase(w.deps).execute({ ticketId: 'missing', status: 'closed' }, w.asAgent), 'NotFound');
    const ticket = await w.givenTicket((t) => t.assignedTo(w.agent.id));
    await expectFailure(new ChangeTicketStatusUseCase(w.deps).execute({ ticketId: ticket.id, status: 'closed' }, w.asForeignAdmin), 'NotFound');
  });

  it('answers InvalidTransition with the allowed moves', async () => {
    const w = await ticketsWorld();
    const ticket = await w.givenTicket((t) => t.withStatus('resolved'));
    const error = await expectFailure(new ChangeTicketStatusUseCase(w.deps).execute({ ticketId: ticket.id, status: 'open' }, w.asAdmin), 'InvalidTransition');
    expect(error).toMatchObject({ from: 'resolved', to: 'open', allowed: ['in_progress', 'closed'] });
  });

  it('treats the current status as a no-op: same ticket, no event', async () => {
    const w = await ticketsWorld();
    const ticket = await w.givenTicket((t) => t.withStatus('closed'));
    expect(await run(new ChangeTicketStatusUseCase(w.deps).execute({ ticketId: ticket.id, status: 'closed' }, w.asAdmin))).toEqual(ticket);
    expect(w.events()).toEqual([]);
  });

  it('reopening an unassigned ticket queues it when the tenant auto-assigns', async () => {
    const on = await ticketsWorld({ autoAssign: true });
    const a = await on.givenTicket((t) => t.withStatus('resolved'));
    expect((await run(new ChangeTicketStatusUseCase(on.deps).execute({ ticketId: a.id, status: 'in_progress' }, on.asAdmin))).queuedAt).toEqual(on.clock.now());
    const off = await ticketsWorld({ autoAssign: false });
    const b = await off.givenTicket((t) => t.withStatus('resolved'));
    expect((await run(new ChangeTicketStatusUseCase(off.deps).execute({ ticketId: b.id, status: 'in_progress' }, off.asAdmin))).queuedAt).toBeNull();
  });

  it('reopening keeps the assignee', async () => {
    const w = await ticketsWorld();
    const ticket = await w.givenTicket((t) => t.withStatus('resolved').assignedTo(w.agent.id));
    const reopened = await run(new ChangeTicketStatusUseCase(w.deps).execute({ ticketId: ticket.id, status: 'in_progress' }, w.asAgent));
    expect(reopened).toMatchObject({ assignedAgentId: w.agent.id, queuedAt: null });
  });
});
