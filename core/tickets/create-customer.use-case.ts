import { Effect } from 'effect';
import { authorize } from '../access/permissions.ts';
import type { Actor } from '../shared/actor.ts';
import type { Forbidden, InvalidInput, StoreUnavailable } from '../shared/errors.ts';
import type { Customer } from './customer.ts';
import { createCustomer } from './customer.ops.ts';
import { ExternalIdTaken } from './tickets.errors.ts';
import type { TicketsDeps } from './tickets.shared.ts';

export interface CreateCustomerInput {
  readonly name: string;
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly externalId?: string | null;
}

/** Registers a customer of the actor's tenant (admin or agent); `externalId` is unique per tenant. */
export class CreateCustomerUseCase {
  readonly #deps: TicketsDeps;

  constructor(deps: TicketsDeps) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(input: CreateCustomerInput, actor: Actor): Effect.Effect<Customer, Forbidden | InvalidInput | ExternalIdTaken | StoreUnavailable> {
    const { uow, clock, ids } = this.#deps;
    const tenantId = actor.tenantId;
    return Effect.gen(function* () {
      yield* authorize(actor, 'customers.create');
      const customer = yield* Effect.fromResult(createCustomer({ ...input, id: ids.next(), tenantId, now: clock.now() }));
      const taken = (externalId: string) => new ExternalIdTaken({ externalId });
      return yield* uow.transaction((store) =>
        Effect.gen(function* () {
          if (customer.externalId !== null && (yield* store.customers.findByExternalId(tenantId, customer.externalId)) !== null) {
            return yield* Effect.fail(taken(customer.externalId));
          }
          yield* Effect.catchTag(store.customers.insert(customer), 'DuplicateKey', (error) =>
            error.key === 'customers.external_id' && customer.externalId !== null ? Effect.fail(taken(customer.externalId)) : Effect.die(error),
          );
          return customer;
        }),
      );
    });
  }
}
