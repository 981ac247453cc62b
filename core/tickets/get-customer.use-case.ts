import { Effect } from 'effect';
import { authorize } from '../access/permissions.ts';
import type { Actor } from '../shared/actor.ts';
import { type Forbidden, NotFound, type StoreUnavailable } from '../shared/errors.ts';
import type { Customer } from './customer.ts';
import type { TicketsDeps } from './tickets.shared.ts';

export interface GetCustomerInput {
  readonly customerId: string;
}

/** One customer of the actor's tenant. */
export class GetCustomerUseCase {
  readonly #deps: Pick<TicketsDeps, 'uow'>;

  constructor(deps: Pick<TicketsDeps, 'uow'>) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(input: GetCustomerInput, actor: Actor): Effect.Effect<Customer, Forbidden | NotFound | StoreUnavailable> {
    return Effect.andThen(
      authorize(actor, 'customers.read'),
      () => this.#deps.uow.read((store) =>
        Effect.flatMap(store.customers.get(actor.tenantId, input.customerId), (customer) =>
          customer === null || customer.tenantId !== actor.tenantId ? Effect.fail(new NotFound({ entity: 'customer' })) : Effect.succeed(customer),
        ),
      ),
    );
  }
}
