import { Effect, Exit } from 'effect';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allocationHandler, allocationSweep, type AllocationJobDeps } from '../../apps/shared/allocation-jobs.ts';
import { AssignTicketUseCase } from '../../core/tickets/assign-ticket.use-case.ts';
import { buildJobs } from '../../apps/shared/jobs.ts';
import { eventTypesOf } from '../../apps/shared/job-registry.ts';
import type { OpenStore } from '../../apps/shared/open-store.ts';
import { QiscusChatPlatform } from '../../adapters/qiscus/qiscus-chat-platform.ts';
import { domainEvent, type DomainEvent } from '../../core/shared/events.ts';
import { aCustomer, anAgent, aQueuedTicket, aTenant, freshId, readFrom, seed, testEnv } from '../support/allocation-builders.ts';
import { storeKinds } from './store-kinds.ts';
import { noOutboundHttp } from '../../core/shared/outbound.port.ts';

const kinds = await storeKinds();

const meta = (tenantId: string) => ({ id: freshId(), tenantId, occurredAt: new Date() });
const ticketCreated = (tenantId: string, ticketId: string, autoAssign = true): DomainEvent =>
  domainEvent('ticket.created', meta(tenantId), { ticketId, channel: 'api', priority: 'medium', autoAssign });
const agentOnline = (tenantId: string, agentId: string): DomainEvent =>
  domainEvent('agent.availability_changed', meta(tenantId), { agentId, availability: 'online' });

describe.each(kinds)('allocation jobs and the tenant directory on $name', (kind) => {
  let store: OpenStore;
  let deps: AllocationJobDeps;
  beforeEach(async () => {
    store = await kind.open();
    deps = { ...store, ...testEnv() };
  });
  afterEach(() => store?.close());

  const ticketOf = (tenantId: string, id: string) => readFrom(store.uow, (s) => s.tickets.get(tenantId, id));

  it('knows whether any tenant exists and which tenants have waiting tickets', async () => {
    expect(await Effect.runPromise(store.directory.hasAny())).toBe(false);
    const [waiting, served, done] = [aTenant().build(), aTenant().build(), aTenant().build()];
    const agent = anAgent(served.id).build();
    const [c1, c2, c3] = [aCustomer(waiting.id), aCustomer(served.id), aCustomer(done.id)];
    await seed(store.uow, { tenant: waiting, customers: [c1], tickets: [aQueuedTicket(waiting.id, c1.id).build()] });
    await seed(store.uow, { tenant: served, users: [agent], customers: [c2], tickets: [aQueuedTicket(served.id, c2.id).assignedTo(agent.id).build()] });
    await seed(store.uow, { tenant: done, customers: [c3], tickets: [aQueuedTicket(done.id, c3.id).withStatus('resolved').build()] });
    expect(await Effect.runPromise(store.directory.hasAny())).toBe(true);
    expect(await Effect.runPromise(store.directory.withWaitingTickets())).toEqual([waiting.id]);
  });

  it('knows which tenants have a running SLA target due by now', async () => {
    const due = new Date('2026-11-21T09:00:00.000Z');
    const sla = { targets: { firstResponseMinutes: 60, resolutionMinutes: null }, businessHours: null, firstResponseDueAt: due, resolutionDueAt: null, firstResponseBreachedAt: null, resolutionBreachedAt: null };
    const [late, answered, closed] = [aTenant().build(), aTenant().build(), aTenant().build()];
    const [c1, c2, c3] = [aCustomer(late.id), aCustomer(answered.id), aCustomer(closed.id)];
    await seed(store.uow, { tenant: late, customers: [c1], tickets: [{ ...aQueuedTicket(late.id, c1.id).build(), sla }] });
    await seed(store.uow, { tenant: answered, customers: [c2], tickets: [{ ...aQueuedTicket(answered.id, c2.id).build(), sla, firstRespondedAt: due }] });
    await seed(store.uow, { tenant: closed, customers: [c3], tickets: [{ ...aQueuedTicket(closed.id, c3.id).withStatus('closed').build(), sla }] });
    expect(await Effect.runPromise(store.directory.withSlaDue(new Date(due.getTime() - 1)))).toEqual([]);
    expect(await Effect.runPromise(store.directory.withSlaDue(due))).toEqual([late.id]);
  });

  it('allocates the ticket a ticket.created event names, and ignores events that trigger nothing', async () => {
    const tenant = aTenant().build();
    const agent = anAgent(tenant.id).build();
    const customer = aCustomer(tenant.id);
    const ticket = aQueuedTicket(tenant.id, customer.id).build();
    await seed(store.uow, { tenant, users: [agent], customers: [customer], tickets: [ticket] });
    const handler = allocationHandler(deps);
    expect(handler.handles(ticketCreated(tenant.id, ticket.id, false))).toBe(false);
    expect(eventTypesOf('allocation')).toContain('ticket.created');
    await Effect.runPromise(handler.handle(ticketCreated(tenant.id, ticket.id)));
    expect((await ticketOf(tenant.id, ticket.id))?.assignedAgentId).toBe(agent.id);
  });

  it('skips the drain for a ticket.created whose ticket was already taken, but still drains on ticket.unassigned', async () => {
    const tenant = aTenant().build();
    const agent = anAgent(tenant.id).build();
    const customer = aCustomer(tenant.id);
    const taken = aQueuedTicket(tenant.id, customer.id).assignedTo(agent.id).build();
    const waiting = aQueuedTicket(tenant.id, customer.id).build();
    await seed(store.uow, { tenant, users: [agent], customers: [customer], tickets: [taken, waiting] });
    const handler = allocationHandler(deps);

    await Effect.runPromise(handler.handle(ticketCreated(tenant.id, taken.id)));
    expect((await ticketOf(tenant.id, waiting.id))?.assignedAgentId).toBeNull();

    const unassigned = domainEvent('ticket.unassigned', meta(tenant.id), { ticketId: taken.id, previousAgentId: agent.id });
    await Effect.runPromise(handler.handle(unassigned));
    expect((await ticketOf(tenant.id, waiting.id))?.assignedAgentId).toBe(agent.id);
  });

  it('treats a ticket or tenant that no longer exists as done', async () => {
    const handler = allocationHandler(deps);
    expect(Exit.isSuccess(await Effect.runPromiseExit(handler.handle(ticketCreated(freshId(), freshId()))))).toBe(true);
    expect(Exit.isSuccess(await Effect.runPromiseExit(handler.handle(agentOnline(freshId(), freshId()))))).toBe(true);
  });

  it('drains the queue on an agent coming online, never past capacity', async () => {
    const tenant = aTenant().withDefaultCapacity(2).build();
    const agent = anAgent(tenant.id).build();
    const customer = aCustomer(tenant.id);
    const tickets = [1, 2, 3].map(() => aQueuedTicket(tenant.id, customer.id).build());
    await seed(store.uow, { tenant, users: [agent], customers: [customer], tickets });
    await Effect.runPromise(allocationHandler(deps).handle(agentOnline(tenant.id, agent.id)));
    const after = await Promise.all(tickets.map((t) => ticketOf(tenant.id, t.id)));
    expect(after.filter((t) => t?.assignedAgentId === agent.id)).toHaveLength(2);
    expect(await Effect.runPromise(store.directory.withWaitingTickets())).toEqual([tenant.id]);
  });

  const runOutbox = async (after: number): Promise<number> => {
    const pending = await Effect.runPromise(store.outboxFeed.claim(1000, new Date(), 60));
    const handler = allocationHandler(deps);
    for (const entry of pending.filter((e) => e.sequence > after)) if (handler.handles(entry.event)) await Effect.runPromise(handler.handle(entry.event));
    return Math.max(after, ...pending.map((e) => e.sequence));
  };

  it.each([
    ['unassigns one of their tickets', null],
    ['moves one of their tickets to another agent', 'other'],
  ] as const)('gives a full agent the next waiting ticket as soon as staff %s', async (_what, target) => {
    const tenant = aTenant().withDefaultCapacity(3).build();
    const [agent, other] = [anAgent(tenant.id).build(), { ...anAgent(tenant.id).build(), availability: 'offline' as const }];
    const admin = { ...anAgent(tenant.id).build(), role: 'admin' as const };
    const customer = aCustomer(tenant.id);
    const held = [1, 2, 3].map(() => aQueuedTicket(tenant.id, customer.id).assignedTo(agent.id).build());
    const waiting = aQueuedTicket(tenant.id, customer.id).build();
    await seed(store.uow, { tenant, users: [agent, other, admin], customers: [customer], tickets: [...held, waiting] });
    const seen = await runOutbox(0);
    const assign = new AssignTicketUseCase({ uow: store.uow, ...testEnv() });
    const actor = { userId: admin.id, tenantId: tenant.id, role: 'admin' as const };
    await Effect.runPromise(assign.execute({ ticketId: held[0]!.id, agentId: target === null ? null : other.id }, actor));
    await runOutbox(seen);
    expect((await ticketOf(tenant.id, waiting.id))?.assignedAgentId).toBe(agent.id);
  });

  it('sweeps every tenant with waiting tickets, then finds nothing left to do', async () => {
    const tenants = [aTenant().build(), aTenant().build()];
    const seeded = await Promise.all(
      tenants.map(async (tenant) => {
        const agent = anAgent(tenant.id).build();
        const customer = aCustomer(tenant.id);
        const ticket = aQueuedTicket(tenant.id, customer.id).build();
        await seed(store.uow, { tenant, users: [agent], customers: [customer], tickets: [ticket] });
        return { tenant, agent, ticket };
      }),
    );
    const sweep = allocationSweep(deps);
    expect(await Effect.runPromise(sweep())).toEqual({ tenants: 2, assigned: 2 });
    for (const { tenant, agent, ticket } of seeded) expect((await ticketOf(tenant.id, ticket.id))?.assignedAgentId).toBe(agent.id);
    expect(await Effect.runPromise(sweep())).toEqual({ tenants: 0, assigned: 0 });
  });

  it('builds the jobs both apps run: native allocation, the Qiscus room flow, event pruning and webhooks, each sweep run every interval', async () => {
    const tenant = aTenant().build();
    const agent = anAgent(tenant.id).build();
    const customer = aCustomer(tenant.id);
    const ticket = aQueuedTicket(tenant.id, customer.id).build();
    await seed(store.uow, { tenant, users: [agent], customers: [customer], tickets: [ticket] });
    const jobs = buildJobs({ ...deps, platform: new QiscusChatPlatform(), outbound: noOutboundHttp, allocationSweepSeconds: 7 });
    expect(jobs.handlers.map((h) => h.name)).toEqual(['allocation', 'integrations.allocate-rooms', 'integrations.resolve-room', 'webhooks']);
    expect(jobs.sweeps.map((s) => [s.name, s.intervalMs])).toEqual([['sla-sweep', 15_000], ['allocation-sweep', 7000], ['qiscus-sweep', 7000], ['events-prune', 900_000], ['webhook-deliveries-prune', 900_000], ['channel-deliveries-prune', 900_000], ['webhook-deliveries', 2000]]);
    for (const job of jobs.sweeps) await job.sweep();
    expect((await ticketOf(tenant.id, ticket.id))?.assignedAgentId).toBe(agent.id);
  });
});
