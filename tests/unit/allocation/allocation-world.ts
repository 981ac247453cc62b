import { Effect } from 'effect';
import { MemoryUnitOfWork } from '../../../adapters/memory/memory-unit-of-work.ts';
import type { User } from '../../../core/access/user.ts';
import type { Actor } from '../../../core/shared/actor.ts';
import type { DomainEvent, DomainEventType, EventOf } from '../../../core/shared/events.ts';
import type { Tenant } from '../../../core/tenancy/tenant.ts';
import type { Ticket } from '../../../core/tickets/ticket.ts';
import { aCustomer, anAgent, aQueuedTicket, aTenant, seed, testEnv } from '../../support/allocation-builders.ts';

/** A memory store with one tenant and one customer, plus helpers to add agents and queued tickets. */
export const allocationWorld = async (tenant: Tenant = aTenant().build()) => {
  const uow = new MemoryUnitOfWork();
  const env = testEnv();
  const customer = aCustomer(tenant.id);
  await seed(uow, { tenant, customers: [customer] });
  return {
    uow,
    ...env,
    tenant,
    customer,
    admin: { userId: 'admin', tenantId: tenant.id, role: 'admin' } satisfies Actor,
    agentActor: { userId: 'agent', tenantId: tenant.id, role: 'agent' } satisfies Actor,
    async agents(...users: User[]): Promise<User[]> {
      await seed(uow, { users });
      return users;
    },
    async agent(build: (b: ReturnType<typeof anAgent>) => ReturnType<typeof anAgent> = (b) => b): Promise<User> {
      const user = build(anAgent(tenant.id)).build();
      await seed(uow, { users: [user] });
      return user;
    },
    async tickets(...builds: Array<(b: ReturnType<typeof aQueuedTicket>) => ReturnType<typeof aQueuedTicket>>): Promise<Ticket[]> {
      const tickets = builds.map((build) => build(aQueuedTicket(tenant.id, customer.id)).build());
      await seed(uow, { tickets });
      return tickets;
    },
    ticket: (id: string): Ticket => uow.db.tickets.get(id) as Ticket,
    user: (id: string): User => uow.db.users.get(id) as User,
    events: (): DomainEvent[] => [...uow.db.outbox.values()].sort((a, b) => a.sequence - b.sequence).map((row) => row.event),
    eventsOf<T extends DomainEventType>(type: T): Array<EventOf<T>> {
      return this.events().filter((e): e is EventOf<T> => e.type === type);
    },
  };
};

export const run = <A, E>(effect: Effect.Effect<A, E>): Promise<A> => Effect.runPromise(effect);
export const failureOf = <A, E>(effect: Effect.Effect<A, E>): Promise<E> => Effect.runPromise(Effect.flip(effect));
