import { Effect } from 'effect';
import { authorize } from '../access/permissions.ts';
import type { Actor } from '../shared/actor.ts';
import type { Forbidden, StoreUnavailable } from '../shared/errors.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import type { QueuedTicket } from './allocation.port.ts';

/** The tenant's waiting tickets in queue order, with their positions (admin). */
export class ListQueueUseCase {
  readonly #uow: UnitOfWork;

  constructor(deps: { readonly uow: UnitOfWork }) {
    this.#uow = deps.uow;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(input: PageRequest, actor: Actor): Effect.Effect<Page<QueuedTicket>, Forbidden | StoreUnavailable> {
    return authorize(actor, 'allocation.view').pipe(
      Effect.andThen(() => this.#uow.read((store) => store.queue.list(actor.tenantId, input))),
    );
  }
}
