import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventsPerTicket, eventually, LoadSampler, ticketStates, unpublishedEvents, type TicketState } from '../../support/system-probes.ts';
import { systemDescribe, systemServices } from '../../support/system-services.ts';
import { resolveTickets, sendConversations, staffTenant, type StaffedTenant } from '../../support/system-tenant.ts';
import { openSystem, type SystemWorld } from '../../support/system-world.ts';

const services = await systemServices();
const capacity = 3;
const agents = 5;
const conversations = 200;

const assigned = (tickets: ReadonlyArray<TicketState>) => tickets.filter((t) => t.status === 'open' && t.assignedAgentId !== null);
const waiting = (tickets: ReadonlyArray<TicketState>) => tickets.filter((t) => t.status === 'open' && t.assignedAgentId === null && t.queuedAt !== null);
const inQueueOrder = (tickets: ReadonlyArray<TicketState>) =>
  [...tickets].sort((a, b) => (a.queuedAt?.getTime() ?? 0) - (b.queuedAt?.getTime() ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

systemDescribe('allocation under load: 2 API and 2 worker processes on MariaDB and RabbitMQ', services, (ready) => {
  let world: SystemWorld;
  let tenant: StaffedTenant;
  let sampler: LoadSampler | null = null;
  let queuedBefore: TicketState[] = [];

  beforeAll(async () => {
    world = await openSystem(ready, { apis: 2, workers: 2 });
    tenant = await staffTenant(world, { agents, capacity });
    sampler = new LoadSampler(world.sql, tenant.tenantId);
  }, 90_000);
  afterAll(async () => {
    await sampler?.stop();
    await world?.close();
  }, 60_000);

  const apiUrls = () => world.apis.map((api) => api.baseUrl);

  it('allocates 200 concurrent conversations: 15 assigned, 185 queued, nobody over capacity, nothing twice', async () => {
    const ids = await sendConversations(apiUrls(), tenant.channel, conversations, 32);
    expect(new Set(ids).size).toBe(conversations);

    // Done when every ticket was either assigned or told it waits (`allocation.queued`).
    const { tickets } = await eventually(
      'every conversation assigned or queued',
      async () => ({ tickets: await ticketStates(world.sql, tenant.tenantId), queued: await eventsPerTicket(world.sql, tenant.tenantId, 'allocation.queued') }),
      ({ tickets, queued }) => tickets.length === conversations && tickets.every((t) => t.assignedAgentId !== null || queued.has(t.id)),
      45_000,
    );
    expect(sampler!.highest).toBeLessThanOrEqual(capacity);
    expect(sampler!.samples).toBeGreaterThan(20);
    expect(new Set(tickets.map((t) => t.id))).toEqual(new Set(ids));
    expect(assigned(tickets)).toHaveLength(agents * capacity);
    expect(waiting(tickets)).toHaveLength(conversations - agents * capacity);
    const perAgent = new Map<string, number>();
    for (const t of assigned(tickets)) perAgent.set(t.assignedAgentId!, (perAgent.get(t.assignedAgentId!) ?? 0) + 1);
    expect([...perAgent.values()]).toEqual(Array(agents).fill(capacity));
    const assignedEvents = await eventsPerTicket(world.sql, tenant.tenantId, 'ticket.assigned');
    expect([...assignedEvents.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(assignedEvents.keys())).toEqual(new Set(assigned(tickets).map((t) => t.id)));
    const routed = await world.routedTypes();
    expect(routed).toContain('ticket.created');
    await eventually('every routable event published', () => unpublishedEvents(world.sql, routed), (n) => n === 0, 15_000);
    queuedBefore = inQueueOrder(waiting(tickets));
  }, 80_000);

  it('drains the queue in queue order when the assigned tickets are resolved through both APIs', async () => {
    const first = assigned(await ticketStates(world.sql, tenant.tenantId));
    expect(first).toHaveLength(agents * capacity);
    const expectedNext = new Set(queuedBefore.slice(0, agents * capacity).map((t) => t.id));

    await resolveTickets(apiUrls(), tenant.adminToken, first.map((t) => t.id));

    await eventually('the next tickets assigned', () => ticketStates(world.sql, tenant.tenantId), (t) => assigned(t).length === agents * capacity, 30_000);
    const routed = await world.routedTypes();
    await eventually('every routable event published', () => unpublishedEvents(world.sql, routed), (n) => n === 0, 15_000);
    await settle(1500);
    const tickets = await ticketStates(world.sql, tenant.tenantId);
    expect(new Set(assigned(tickets).map((t) => t.id))).toEqual(expectedNext);
    expect(waiting(tickets)).toHaveLength(conversations - 2 * agents * capacity);
    expect(tickets.filter((t) => t.status === 'resolved').map((t) => t.id).sort()).toEqual(first.map((t) => t.id).sort());
    const assignedEvents = await eventsPerTicket(world.sql, tenant.tenantId, 'ticket.assigned');
    expect(assignedEvents.size).toBe(2 * agents * capacity);
    expect([...assignedEvents.values()].every((n) => n === 1)).toBe(true);
    expect(sampler!.highest).toBeLessThanOrEqual(capacity);
  }, 60_000);
});
