import { Effect } from 'effect';
import { v7 } from 'uuid';
import type { AgentLoad } from '../../core/allocation/allocation.port.ts';
import type { Availability, User } from '../../core/access/user.ts';
import type { Channel } from '../../core/channels/channel.ts';
import type { Clock, IdGenerator } from '../../core/shared/ports.ts';
import type { Store, UnitOfWork } from '../../core/shared/unit-of-work.port.ts';
import type { Tenant } from '../../core/tenancy/tenant.ts';
import type { Customer } from '../../core/tickets/customer.ts';
import { newTicketFacts as noSlaFacts, type Ticket, type TicketPriority, type TicketStatus } from '../../core/tickets/ticket.ts';

const t0 = new Date('2030-01-01T00:00:00.000Z');
/** A fresh UUIDv7: sorts after every id made before it in this process. */
export const freshId = (): string => v7();

export const at = (seconds: number): Date => new Date(t0.getTime() + seconds * 1000);

/** Ids in creation order and a clock that ticks one millisecond per reading. */
export const testEnv = (): { clock: Clock; ids: IdGenerator } => {
  let ms = t0.getTime() + 3_600_000;
  return { clock: { now: () => new Date(ms++) }, ids: { next: () => freshId() } };
};

export const anAgentLoad = () => {
  let load: AgentLoad = { agentId: freshId(), name: 'Agent', availability: 'online', maxCustomers: null, activeTickets: 0, reportedLoad: null, lastAssignedAt: null };
  const builder = {
    withId: (agentId: string) => ((load = { ...load, agentId }), builder),
    offline: () => ((load = { ...load, availability: 'offline' }), builder),
    withActiveTickets: (activeTickets: number) => ((load = { ...load, activeTickets }), builder),
    reporting: (reportedLoad: number | null) => ((load = { ...load, reportedLoad }), builder),
    capped: (maxCustomers: number | null) => ((load = { ...load, maxCustomers }), builder),
    lastAssignedAt: (lastAssignedAt: Date | null) => ((load = { ...load, lastAssignedAt }), builder),
    build: (): AgentLoad => load,
  };
  return builder;
};

export const aTenant = () => {
  let tenant: Tenant = { id: freshId(), name: 'Acme', settings: { maxCustomersPerAgent: 2, autoAssign: true, sla: null, businessHours: null }, createdAt: t0, updatedAt: t0 };
  const builder = {
    withDefaultCapacity: (maxCustomersPerAgent: number) => ((tenant = { ...tenant, settings: { ...tenant.settings, maxCustomersPerAgent } }), builder),
    autoAssign: (autoAssign: boolean) => ((tenant = { ...tenant, settings: { ...tenant.settings, autoAssign } }), builder),
    build: (): Tenant => tenant,
  };
  return builder;
};

export const anAgent = (tenantId: string) => {
  const id = freshId();
  let user: User = {
    id, tenantId, email: `${id}@example.test`, name: `Agent ${id}`, role: 'agent', active: true, availability: 'online',
    maxCustomers: null, passwordHash: null, lastAssignedAt: null, createdAt: t0, updatedAt: t0,
  };
  const builder = {
    withAvailability: (availability: Availability) => ((user = { ...user, availability }), builder),
    offline: () => builder.withAvailability('offline'),
    inactive: () => ((user = { ...user, active: false }), builder),
    admin: () => ((user = { ...user, role: 'admin' }), builder),
    capped: (maxCustomers: number | null) => ((user = { ...user, maxCustomers }), builder),
    lastAssignedAt: (lastAssignedAt: Date | null) => ((user = { ...user, lastAssignedAt }), builder),
    build: (): User => user,
  };
  return builder;
};

export const aCustomer = (tenantId: string): Customer => {
  const id = freshId();
  return { id, tenantId, name: 'Customer', email: null, phone: null, externalId: `ext-${id}`, createdAt: t0, updatedAt: t0 };
};

/** A ticket waiting in the queue unless told otherwise. */
export const aQueuedTicket = (tenantId: string, customerId: string) => {
  let ticket: Ticket = {
    id: freshId(), tenantId, title: 'Help', description: null, status: 'open', priority: 'medium', assignedAgentId: null,
    customerId, channel: 'api', channelId: null, externalRef: null, queuedAt: t0, ...noSlaFacts, createdAt: t0, updatedAt: t0,
  };
  const builder = {
    withPriority: (priority: TicketPriority) => ((ticket = { ...ticket, priority }), builder),
    queuedAt: (queuedAt: Date | null) => ((ticket = { ...ticket, queuedAt }), builder),
    withStatus: (status: TicketStatus) => ((ticket = { ...ticket, status }), builder),
    assignedTo: (agentId: string) => ((ticket = { ...ticket, assignedAgentId: agentId, queuedAt: null }), builder),
    onPlatform: (roomId: string) => ((ticket = { ...ticket, channel: 'qiscus', externalRef: roomId }), builder),
    build: (): Ticket => ticket,
  };
  return builder;
};

export const aChannel = (tenantId: string): Channel => {
  const id = freshId();
  return { id, tenantId, name: 'Web form', key: `key-${id}`, secret: `secret-${id}`, createdAt: t0 };
};

export interface Seed {
  readonly tenant?: Tenant;
  readonly users?: ReadonlyArray<User>;
  readonly customers?: ReadonlyArray<Customer>;
  readonly tickets?: ReadonlyArray<Ticket>;
  readonly channels?: ReadonlyArray<Channel>;
}

/** Writes rows through the ports, parents first (SQL stores check foreign keys). */
export const seed = (uow: UnitOfWork, rows: Seed): Promise<void> =>
  Effect.runPromise(
    uow.transaction((store: Store) =>
      Effect.gen(function* () {
        if (rows.tenant) yield* store.tenants.insert(rows.tenant);
        for (const user of rows.users ?? []) yield* store.users.insert(user);
        for (const customer of rows.customers ?? []) yield* store.customers.insert(customer);
        for (const ticket of rows.tickets ?? []) yield* store.tickets.insert(ticket);
        for (const channel of rows.channels ?? []) yield* store.channels.insert(channel);
      }),
    ),
  );

/** Runs `work` in a read unit of work and returns its value. */
export const readFrom = <A, E>(uow: UnitOfWork, work: (store: Store) => Effect.Effect<A, E>): Promise<A> => Effect.runPromise(uow.read(work));

/** A seeded tenant with one customer and one agent, and a builder of that customer's queued tickets. */
export const aQueueWorld = async (uow: UnitOfWork) => {
  const tenant = aTenant().build();
  const customer = aCustomer(tenant.id);
  const agent = anAgent(tenant.id).build();
  await seed(uow, { tenant, customers: [customer], users: [agent] });
  return { tenant, agent, queued: () => aQueuedTicket(tenant.id, customer.id) };
};
