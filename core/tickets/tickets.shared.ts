import { Effect } from 'effect';
import { type DuplicateKey, NotFound, type StoreUnavailable } from '../shared/errors.ts';
import type { Clock, IdGenerator } from '../shared/ports.ts';
import type { Store, UnitOfWork } from '../shared/unit-of-work.port.ts';
import type { TenantSettings } from '../tenancy/tenant.ts';
import type { Ticket } from './ticket.ts';
import type { TicketChange } from './ticket.ops.ts';

/** The ports every tickets use case takes. */
export interface TicketsDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** The ticket in the tenant, or `NotFound` (a foreign id looks exactly like a missing one). */
export const findTicket = (
  store: Store,
  tenantId: string,
  ticketId: string,
  options?: { readonly forUpdate?: boolean },
): Effect.Effect<Ticket, NotFound | StoreUnavailable> =>
  Effect.flatMap(store.tickets.get(tenantId, ticketId, options), (ticket) =>
    ticket === null || ticket.tenantId !== tenantId ? Effect.fail(new NotFound({ entity: 'ticket' })) : Effect.succeed(ticket),
  );

/** The settings of the actor's tenant; a verified actor's tenant missing is a bug. */
export const tenantSettings = (store: Store, tenantId: string): Effect.Effect<TenantSettings, StoreUnavailable> =>
  Effect.flatMap(store.tenants.get(tenantId), (tenant) =>
    tenant === null ? Effect.die(new Error(`tenant ${tenantId} does not exist`)) : Effect.succeed(tenant.settings),
  );

/** Id, tenant and time for a `domainEvent`. */
export const eventMeta = (ids: IdGenerator, tenantId: string, occurredAt: Date) => ({ id: ids.next(), tenantId, occurredAt });

/** A unique key that the caller's own checks rule out turns into a defect; a store failure stays a failure. */
export const duplicateIsDefect = <A, E>(effect: Effect.Effect<A, E | DuplicateKey>): Effect.Effect<A, Exclude<E, DuplicateKey>> =>
  Effect.catchTag(effect as Effect.Effect<A, DuplicateKey>, 'DuplicateKey', (error) => Effect.die(error)) as Effect.Effect<A, Exclude<E, DuplicateKey>>;

/** Persists what a ticket operation returned, the ticket and its events together, in the caller's unit of work. */
export const saveChange = (store: Store, change: TicketChange): Effect.Effect<Ticket, StoreUnavailable> =>
  Effect.gen(function* () {
    yield* store.tickets.update(change.ticket);
    if (change.events.length > 0) yield* store.outbox.append(change.events);
    return change.ticket;
  });

/** Inserts a new ticket with its events; `DuplicateKey` when another unit of work inserted it first. */
export const insertChange = (store: Store, change: TicketChange): Effect.Effect<Ticket, DuplicateKey | StoreUnavailable> =>
  Effect.gen(function* () {
    yield* store.tickets.insert(change.ticket);
    yield* store.outbox.append(change.events);
    return change.ticket;
  });
