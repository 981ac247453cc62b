import { Effect } from 'effect';
import { describe, expect, it } from 'vitest';
import { SetAvailabilityUseCase } from '../../../core/access/set-availability.use-case.ts';
import { toEnvelope } from '../../../core/events/envelope.ts';
import { envelopeFor } from '../../../core/events/envelope-for.ts';
import { PruneEventsUseCase } from '../../../core/events/prune-events.use-case.ts';
import { AssignTicketUseCase } from '../../../core/tickets/assign-ticket.use-case.ts';
import { ChangeTicketStatusUseCase } from '../../../core/tickets/change-ticket-status.use-case.ts';
import { CreateTicketUseCase } from '../../../core/tickets/create-ticket.use-case.ts';
import { PostMessageUseCase } from '../../../core/tickets/post-message.use-case.ts';
import { run, ticketsWorld, type TicketsWorld } from '../tickets/tickets-world.ts';

const envelopes = (w: TicketsWorld, tenantId = w.tenant.id) =>
  run(w.uow.read((s) => s.events.after(tenantId, 0, 100))).then((events) => events.map(toEnvelope));

describe('public events recorded by the use cases', () => {
  it('a ticket’s life gives envelopes in order, each with the ticket as it was and the next sequence', async () => {
    const w = await ticketsWorld({ autoAssign: false });
    const created = await run(new CreateTicketUseCase(w.deps).execute({ title: 'Printer on fire 🔥', customerId: w.customer.id, priority: 'high' }, w.asAdmin));
    w.clock.advance(1000);
    await run(new AssignTicketUseCase(w.deps).execute({ ticketId: created.id, agentId: w.agent.id }, w.asAdmin));
    w.clock.advance(1000);
    const message = await run(new PostMessageUseCase(w.deps).execute({ ticketId: created.id, message: 'On it' }, w.asAgent));
    w.clock.advance(1000);
    const resolved = await run(new ChangeTicketStatusUseCase(w.deps).execute({ ticketId: created.id, status: 'resolved' }, w.asAgent));
    const all = await envelopes(w);
    expect(all.map((e) => [e.type, e.sequence])).toEqual([
      ['ticket.created', 1],
      ['ticket.assigned', 2],
      ['message.created', 3],
      ['ticket.status_changed', 4],
    ]);
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort());
    expect(all[0]?.data).toMatchObject({ ticket: { id: created.id, assigned_agent_id: null, status: 'open' } });
    expect(all[1]?.data).toMatchObject({ ticket: { assigned_agent_id: w.agent.id }, previous_agent_id: null, decision: null });
    expect(all[2]?.data).toMatchObject({ message: { id: message.id, message: 'On it', sender_type: 'agent' }, ticket_id: created.id });
    expect(all[3]?.data).toMatchObject({ ticket: { status: 'resolved', updated_at: resolved.updatedAt.toISOString() }, to: 'resolved' });
    expect(all.every((e) => e.tenant_id === w.tenant.id)).toBe(true);
    expect(await envelopes(w, w.foreignCustomer.tenantId)).toEqual([]);
  });

  it('an availability change carries the user, from and to, and no sequence', async () => {
    const w = await ticketsWorld();
    await run(new SetAvailabilityUseCase(w.deps).execute({ availability: 'offline' }, w.asAgent));
    const [event] = await envelopes(w);
    expect(event).toMatchObject({ type: 'agent.availability_changed', sequence: null, data: { user: { id: w.agent.id, availability: 'offline' }, from: 'online', to: 'offline' } });
  });

  it('envelopeFor finds the envelope of a committed domain event, and nothing for an internal one', async () => {
    const w = await ticketsWorld();
    await run(new CreateTicketUseCase(w.deps).execute({ title: 'Hello', customerId: w.customer.id }, w.asAdmin));
    const [created] = w.eventsOf('ticket.created');
    if (created === undefined) throw new Error('no ticket.created');
    expect(await run(envelopeFor(w.uow, created))).toEqual((await envelopes(w))[0]);
    expect(await run(envelopeFor(w.uow, { ...created, id: 'never-recorded' }))).toBeNull();
  });

  it('the prune keeps 24 hours of events', async () => {
    const w = await ticketsWorld();
    await run(new CreateTicketUseCase(w.deps).execute({ title: 'Old', customerId: w.customer.id }, w.asAdmin));
    w.clock.advance(2 * 3600_000);
    await run(new CreateTicketUseCase(w.deps).execute({ title: 'New', customerId: w.customer.id }, w.asAdmin));
    w.clock.advance(21 * 3600_000);
    const prune = new PruneEventsUseCase({ uow: w.uow, clock: w.clock, batchSize: 1 });
    expect(await Effect.runPromise(prune.execute())).toBe(0);
    w.clock.advance(3600_000 + 1);
    expect(await Effect.runPromise(prune.execute())).toBe(1);
    expect((await envelopes(w)).map((e) => e.data['ticket'])).toMatchObject([{ title: 'New' }]);
  });
});
