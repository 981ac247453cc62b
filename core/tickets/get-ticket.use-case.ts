import { Effect } from 'effect';
import { authorize } from '../access/permissions.ts';
import type { Actor } from '../shared/actor.ts';
import type { Forbidden, NotFound, StoreUnavailable } from '../shared/errors.ts';
import type { Ticket } from './ticket.ts';
import { findTicket, type TicketsDeps } from './tickets.shared.ts';

export interface GetTicketInput {
  readonly ticketId: string;
}

/** One ticket of the actor's tenant. */
export class GetTicketUseCase {
  readonly #deps: Pick<TicketsDeps, 'uow'>;

  constructor(deps: Pick<TicketsDeps, 'uow'>) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(input: GetTicketInput, actor: Actor): Effect.Effect<Ticket, Forbidden | NotFound | StoreUnavailable> {
    return Effect.andThen(
      authorize(actor, 'tickets.read'),
      () => this.#deps.uow.read((store) => findTicket(store, actor.tenantId, input.ticketId)),
    );
  }
}
