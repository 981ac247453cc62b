import { Effect } from 'effect';
import { expect } from 'vitest';
import { MemoryUnitOfWork } from '../../../adapters/memory/memory-unit-of-work.ts';
import type { User } from '../../../core/access/user.ts';
import type { Actor } from '../../../core/shared/actor.ts';
import type { DomainEvent, DomainEventType, EventOf } from '../../../core/shared/events.ts';
import type { TenantSettings } from '../../../core/tenancy/tenant.ts';
import type { Customer } from '../../../core/tickets/customer.ts';
import type { Ticket } from '../../../core/tickets/ticket.ts';
import { aCustomer, aStaffUser, aTenant, aTicket } from '../../support/ticket-builders.ts';

/** A clock that only moves when told to. */
export const manualClock = (start = new Date('2026-11-21T08:00:00.000Z')) => {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
};

/** Ids that sort in creation order. */
export const sequentialIds = (prefix = 'id') => {
  let n = 0;
  return { next: () => `${prefix}-${String(++n).padStart(8, '0')}` };
};

export const run = <A, E>(effect: Effect.Effect<A, E>): Promise<A> => Effect.runPromise(effect);

/** Runs the effect and returns its expected failure (the test fails if it succeeds or dies). */
export const failureOf = async <A, E>(effect: Effect.Effect<A, E>): Promise<E> => {
  const outcome = await Effect.runPromise(
    Effect.match(effect, { onFailure: (error) => ({ failed: true as const, error }), onSuccess: (value) => ({ failed: false as const, value }) }),
  );
  if (!outcome.failed) throw new Error(`expected a failure, got ${JSON.stringify(outcome.value)}`);
  return outcome.error;
};

export const expectFailure = async <A, E extends { readonly _tag: string }, T extends E['_tag']>(
  effect: Effect.Effect<A, E>,
  tag: T,
): Promise<Extract<E, { readonly _tag: T }>> => {
  const failure = await failureOf(effect);
  expect(failure._tag).toBe(tag);
  return failure as Extract<E, { readonly _tag: T }>;
};

const actorOf = (user: User): Actor => ({ userId: user.id, tenantId: user.tenantId, role: user.role });

/** A memory store with one tenant, an admin, two agents and a customer; plus a second, foreign tenant. */
export const ticketsWorld = async (settings: Partial<TenantSettings> = {}) => {
  const uow = new MemoryUnitOfWork();
  const clock = manualClock();
  const ids = sequentialIds();
  const deps = { uow, clock, ids };
  const tenant = aTenant().withSettings(settings).build();
  const foreignTenant = aTenant().build();
  const admin = aStaffUser(tenant.id).withRole('admin').build();
  const agent = aStaffUser(tenant.id).build();
  const otherAgent = aStaffUser(tenant.id).build();
  const customer = aCustomer(tenant.id).build();
  const foreignAdmin = aStaffUser(foreignTenant.id).withRole('admin').build();
  const foreignAgent = aStaffUser(foreignTenant.id).build();
  const foreignCustomer = aCustomer(foreignTenant.id).build();
  await run(
    uow.transaction((store) =>
      Effect.gen(function* () {
        for (const t of [tenant, foreignTenant]) yield* store.tenants.insert(t);
        for (const u of [admin, agent, otherAgent, foreignAdmin, foreignAgent]) yield* store.users.insert(u);
        for (const c of [customer, foreignCustomer]) yield* store.customers.insert(c);
      }),
    ),
  );
  const world = {
    uow,
    clock,
    ids,
    deps,
    tenant,
    admin,
    agent,
    otherAgent,
    customer,
    foreignCustomer,
    foreignAgent,
    asAdmin: actorOf(admin),
    asAgent: actorOf(agent),
    asOtherAgent: actorOf(otherAgent),
    asForeignAdmin: actorOf(foreignAdmin),
    /** Stores a ticket built from `aTicket(tenant, customer)`, customised by `shape`. */
    async givenTicket(shape: (b: ReturnType<typeof aTicket>) => ReturnType<typeof aTicket> = (b) => b): Promise<Ticket> {
      const ticket = shape(aTicket(tenant.id, customer.id)).build();
      await run(uow.transaction((store) => store.tickets.insert(ticket)));
      return ticket;
    },
    async givenUser(user: User): Promise<User> {
      await run(uow.transaction((store) => store.users.insert(user)));
      return user;
    },
    async givenCustomer(customer: Customer): Promise<Customer> {
      await run(uow.transaction((store) => store.customers.insert(customer)));
      return customer;
    },
    storedTicket: (id: string) => run(uow.read((store) => store.tickets.get(tenant.id, id))),
    storedUser: (id: string) => run(uow.read((store) => store.users.get(tenant.id, id))),
    events: (): DomainEvent[] => [...uow.db.outbox.values()].sort((a, b) => a.sequence - b.sequence).map((row) => row.event),
    eventsOf<T extends DomainEventType>(type: T): Array<EventOf<T>> {
      return world.events().filter((e): e is EventOf<T> => e.type === type);
    },
  };
  return world;
};

export type TicketsWorld = Awaited<ReturnType<typeof ticketsWorld>>;
