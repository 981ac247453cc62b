import { describe, expect, it } from 'vitest';
import { GetTicketUseCase } from '../../../core/tickets/get-ticket.use-case.ts';
import { ListTicketsUseCase } from '../../../core/tickets/list-tickets.use-case.ts';
import type { Page } from '../../../core/shared/page.ts';
import type { Ticket } from '../../../core/tickets/ticket.ts';
import type { TicketFilter } from '../../../core/tickets/ticket.port.ts';
import { aTicket } from '../../support/ticket-builders.ts';
import { expectFailure, run, ticketsWorld, type TicketsWorld } from './tickets-world.ts';

const at = (ms: number) => new Date(Date.UTC(2026, 10, 21, 8, 0, 0, ms));

const listAll = async (w: TicketsWorld, filter: Omit<TicketFilter, 'sla'>, limit = 2): Promise<string[]> => {
  const ids: string[] = [];
  let after: string | null = null;
  do {
    const page: Page<Ticket> = await run(new ListTicketsUseCase(w.deps).execute({ filter, page: { limit, after } }, w.asAgent));
    ids.push(...page.items.map((t) => t.id));
    after = page.next;
  } while (after !== null);
  return ids;
};

describe('GetTicketUseCase', () => {
  it('returns a ticket of the tenant to an agent', async () => {
    const w = await ticketsWorld();
    const ticket = await w.givenTicket();
    expect(await run(new GetTicketUseCase(w.deps).execute({ ticketId: ticket.id }, w.asAgent))).toEqual(ticket);
  });

  it('answers NotFound for a missing or foreign ticket', async () => {
    const w = await ticketsWorld();
    const ticket = await w.givenTicket();
    await expectFailure(new GetTicketUseCase(w.deps).execute({ ticketId: 'missing' }, w.asAdmin), 'NotFound');
    await expectFailure(new GetTicketUseCase(w.deps).execute({ ticketId: ticket.id }, w.asForeignAdmin), 'NotFound');
  });
});

describe('ListTicketsUseCase', () => {
  it('lists newest first (created_at, then id) and applies each filter', async () => {
    const w = await ticketsWorld();
    const other = await w.givenCustomer({ ...w.customer, id: 'customer-2', externalId: null });
    const a = await w.givenTicket((t) => t.createdAt(at(1)).assignedTo(w.agent.id).withPriority('high'));
    const b = await w.givenTicket((t) => t.createdAt(at(2)).withStatus('resolved'));
    const c = await w.givenTicket((t) => t.createdAt(at(2)).assignedTo(w.otherAgent.id).withPriority('low'));
    const d = aTicket(w.tenant.id, other.id).createdAt(at(3)).build();
    await run(w.uow.transaction((s) => s.tickets.insert(d)));
    const [bc1, bc2] = [b.id, c.id].sort().reverse();
    expect(await listAll(w, {})).toEqual([d.id, bc1, bc2, a.id]);
    expect(await listAll(w, { status: 'resolved' })).toEqual([b.id]);
    expect(await listAll(w, { assignedAgentId: w.agent.id })).toEqual([a.id]);
    expect(await listAll(w, { assignedAgentId: 'none' })).toEqual([d.id, b.id]);
    expect(await listAll(w, { priority: 'low' })).toEqual([c.id]);
    expect(await listAll(w, { customerId: other.id })).toEqual([d.id]);
    expect(await listAll(w, { status: 'open', priority: 'high', assignedAgentId: w.agent.id })).toEqual([a.id]);
  });

  it('never shows another tenant’s tickets', async () => {
    const w = await ticketsWorld();
    await run(w.uow.transaction((s) => s.tickets.insert(aTicket(w.foreignCustomer.tenantId, w.foreignCustomer.id).build())));
    expect(await listAll(w, {})).toEqual([]);
  });

  it('visits every ticket exactly once while new tickets are added between pages', async () => {
    const w = await ticketsWorld();
    const existing = [];
    for (let i = 0; i < 5; i += 1) existing.push(await w.givenTicket((t) => t.createdAt(at(10 + i))));
    const seen: string[] = [];
    let after: string | null = null;
    let round = 0;
    do {
      const page: Page<Ticket> = await run(new ListTicketsUseCase(w.deps).execute({ filter: {}, page: { limit: 2, after } }, w.asAdmin));
      seen.push(...page.items.map((t) => t.id));
      after = page.next;
      await w.givenTicket((t) => t.createdAt(at(100 + round++)));
    } while (after !== null);
    expect(seen).toEqual(existing.map((t) => t.id).reverse());
  });
});
