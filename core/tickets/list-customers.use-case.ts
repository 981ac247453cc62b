import { Effect } from 'effect';
import { authorize } from '../access/permissions.ts';
import type { Actor } from '../shared/actor.ts';
import type { Forbidden, StoreUnavailable } from '../shared/errors.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import type { Customer } from './customer.ts';
import type { TicketsDeps } from './tickets.shared.ts';

export interface ListCustomersInput {
  readonly page: PageRequest;
}

/** The tenant's customers, newest first. */
export class ListCustomersUseCase {
  readonly #deps: Pick<TicketsDeps, 'uow'>;

  constructor(deps: Pick<TicketsDeps, 'uow'>) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(input: ListCustomersInput, actor: Actor): Effect.Effect<Page<Customer>, Forbidden | StoreUnavailable> {
    return Effect.andThen(
      authorize(actor, 'customers.read'),
      () => this.#deps.uow.read((store) => store.customers.list(actor.tenantId, input.page)),
    );
  }
}
