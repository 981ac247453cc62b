import { describe, expect, it } from 'vitest';
import { AssignTicketUseCase } from '../../../core/tickets/assign-ticket.use-case.ts';
import { aStaffUser } from '../../support/ticket-builders.ts';
import { expectFailure, run, ticketsWorld } from './tickets-world.ts';

describe('AssignTicketUseCase', () => {
  it('assigns a queued ticket to an agent, dequeues it, stamps lastAssignedAt and emits ticket.assigned by staff', async () => {
    const w = await ticketsWorld();
    const ticket = await w.givenTicket((t) => t.queuedAt(w.clock.now()));
    w.clock.advance(5000);
    const assigned = await run(new AssignTicketUseCase(w.deps).execute({ ticketId: ticket.id, agentId: w.agent.id }, w.asAdmin));
    expect(assigned).toMatchObject({ assignedAgentId: w.agent.id, queuedAt: null, updatedAt: w.clock.now() });
    expect(await w.storedTicket(ticket.id)).toEqual(assigned);
    expect((await w.storedUser(w.agent.id))?.lastAssignedAt).toEqual(w.clock.now());
    expect(w.eventsOf('ticket.assigned').map((e) => e.payload)).toEqual([
      { ticketId: ticket.id, agentId: w.agent.id, previousAgentId: null, by: 'staff', decision: null },
    ]);
  });

  it('reassigns, naming the previous agent, even past the agent’s capacity', async () => {
    const w = await ticketsWorld({ maxCustomersPerAgent: 1 });
    await w.givenTicket((t) => t.assignedTo(w.agent.id));
    const ticket = await w.givenTicket((t) => t.assignedTo(w.otherAgent.id));
    const assigned = await run(new AssignTicketUseCase(w.deps).execute({ ticketId: ticket.id, agentId: w.agent.id }, w.asAdmin));
    expect(assigned.assignedAgentId).toBe(w.agent.id);
    expect(w.eventsOf('ticket.assigned')[0]?.payload.previousAgentId).toBe(w.otherAgent.id);
  });

  it('unassigns an active ticket back into the queue when the tenant auto-assigns, and emits ticket.unassigned', async () => {
    const w = await ticketsWorld({ autoAssign: true });
    const ticket = await w.givenTicket((t) => t.withStatus('in_progress').assignedTo(w.agent.id));
    const unassigned = await run(new AssignTicketUseCase(w.deps).execute({ ticketId: ticket.id, agentId: null }, w.asAdmin));
    expect(unassigned).toMatchObject({ assignedAgentId: null, queuedAt: w.clock.now(), status: 'in_progress' });
    expect(w.eventsOf('ticket.unassigned').map((e) => e.payload)).toEqual([{ ticketId: ticket.id, previousAgentId: w.agent.id }]);
  });

  it('unassigns without queueing when the tenant does not auto-assign', async () => {
    const w = await ticketsWorld({ autoAssign: false });
    const ticket = await w.givenTicket((t) => t.assignedTo(w.agent.id));
    expect((await run(new AssignTicketUseCase(w.deps).execute({ ticketId: ticket.id, agentId: null }, w.asAdmin))).queuedAt).toBeNull();
  });

  it('refuses an agent (Forbidden)', async () => {
    const w = await ticketsWorld();
    const ticket = await w.givenTicket();
    await expectFailure(new AssignTicketUseCase(w.deps).execute({ ticketId: ticket.id, agentId: w.agent.id }, w.asAgent), 'Forbidden');
    expect((await w.storedTicket(ticket.id))?.assignedAgentId).toBeNull();
  });

  it('answers NotFound for a missing or foreign ticket', async () => {
    const w = await ticketsWorld();
    await expectFailure(new AssignTicketUseCase(w.deps).execute({ ticketId: 'missing', agentId: w.agent.id }, w.asAdmin), 'NotFound');
    const ticket = await w.givenTicket();
    await expectFailure(new AssignTicketUseCase(w.deps).execute({ ticketId: ticket.id, agentId: null }, w.asForeignAdmin), 'NotFound');
  });

  it('refuses an admin, an inactive agent, a foreign agent and an unknown id alike (InvalidInput on agent_id)', async () => {
    const w = await ticketsWorld();
    const inactive = await w.givenUser(aStaffUser(w.tenant.id).inactive().build());
    const ticket = await w.givenTicket();
    for (const agentId of [w.admin.id, inactive.id, w.foreignAgent.id, 'nobody']) {
      const error = await expectFailure(new AssignTicketUseCase(w.deps).execute({ ticketId: ticket.id, agentId }, w.asAdmin), 'InvalidInput');
      expect(error.path).toBe('agent_id');
    }
    expect(w.events()).toEqual([]);
  });

  it('checks the agent (422) before the ticket (404), as the contract orders them', async () => {
    const w = await ticketsWorld();
    const error = await expectFailure(new AssignTicketUseCase(w.deps).execute({ ticketId: 'missing', agentId: w.admin.id }, w.asAdmin), 'InvalidInput');
    expect(error.path).toBe('agent_id');
  });

  it('answers TicketClosed on a closed ticket, for assigning and unassigning', async () => {
    const w = await ticketsWorld();
    const ticket = await w.givenTicket((t) => t.withStatus('closed').assignedTo(w.agent.id));
    await expectFailure(new AssignTicketUseCase(w.deps).execute({ ticketId: ticket.id, agentId: w.otherAgent.id }, w.asAdmin), 'TicketClosed');
    await expectFailure(new AssignTicketUseCase(w.deps).execute({ ticketId: ticket.id, agentId: null }, w.asAdmin), 'TicketClosed');
    expect(await w.storedTicket(ticket.id)).toEqual(ticket);
  });
});
