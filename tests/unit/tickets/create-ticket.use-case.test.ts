import { describe, expect, it } from 'vitest';
import { CreateTicketUseCase } from '../../../core/tickets/create-ticket.use-case.ts';
import { expectFailure, run, ticketsWorld } from './tickets-world.ts';

describe('CreateTicketUseCase', () => {
  it('opens an api ticket, queued and auto-assigned by the tenant default, and emits ticket.created', async () => {
    const w = await ticketsWorld({ autoAssign: true });
    const ticket = await run(new CreateTicketUseCase(w.deps).execute({ title: 'Broken 🔧', customerId: w.customer.id }, w.asAdmin));
    expect(ticket).toMatchObject({
      tenantId: w.tenant.id,
      title: 'Broken 🔧',
      description: null,
      status: 'open',
      priority: 'medium',
      assignedAgentId: null,
      customerId: w.customer.id,
      channel: 'api',
      channelId: null,
      externalRef: null,
      queuedAt: w.clock.now(),
    });
    expect(await w.storedTicket(ticket.id)).toEqual(ticket);
    expect(w.eventsOf('ticket.created').map((e) => ({ tenantId: e.tenantId, payload: e.payload }))).toEqual([
      { tenantId: w.tenant.id, payload: { ticketId: ticket.id, channel: 'api', priority: 'medium', autoAssign: true } },
    ]);
  });

  it('takes auto_assign off the tenant settings when not given', async () => {
    const w = await ticketsWorld({ autoAssign: false });
    const ticket = await run(new CreateTicketUseCase(w.deps).execute({ title: 'x', customerId: w.customer.id }, w.asAdmin));
    expect(ticket.queuedAt).toBeNull();
    expect(w.eventsOf('ticket.created')[0]?.payload.autoAssign).toBe(false);
  });

  it('lets an explicit auto_assign override the tenant setting', async () => {
    const w = await ticketsWorld({ autoAssign: true });
    const ticket = await run(
      new CreateTicketUseCase(w.deps).execute({ title: 'x', customerId: w.customer.id, autoAssign: false, priority: 'high', description: 'd' }, w.asAdmin),
    );
    expect(ticket).toMatchObject({ queuedAt: null, priority: 'high', description: 'd' });
  });

  it('refuses an agent (Forbidden) without writing anything', async () => {
    const w = await ticketsWorld();
    await expectFailure(new CreateTicketUseCase(w.deps).execute({ title: 'x', customerId: w.customer.id }, w.asAgent), 'Forbidden');
    expect(w.events()).toEqual([]);
  });

  it.each([
    ['an unknown customer', 'no-such-customer'],
    ['another tenant’s customer', 'foreign'],
  ])('answers %s with InvalidInput on customer_id', async (_name, which) => {
    const w = await ticketsWorld();
    const customerId = which === 'foreign' ? w.foreignCustomer.id : which;
    const error = await expectFailure(new CreateTicketUseCase(w.deps).execute({ title: 'x', customerId }, w.asAdmin), 'InvalidInput');
    expect(error).toMatchObject({ path: 'customer_id' });
    expect(w.events()).toEqual([]);
  });

  it('refuses an overlong title with InvalidInput on title', async () => {
    const w = await ticketsWorld();
    const error = await expectFailure(new CreateTicketUseCase(w.deps).execute({ title: '🙂'.repeat(201), customerId: w.customer.id }, w.asAdmin), 'InvalidInput');
    expect(error).toMatchObject({ path: 'title' });
  });
});
