import { Effect } from 'effect';
import { authorize } from '../access/permissions.ts';
import type { Actor } from '../shared/actor.ts';
import type { Forbidden, StoreUnavailable } from '../shared/errors.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import type { Ticket } from './ticket.ts';
import type { TicketFilter } from './ticket.port.ts';
import type { TicketsDeps } from './tickets.shared.ts';

export interface ListTicketsInput {
  /** `assignedAgentId: 'none'` lists unassigned tickets. */
  readonly filter: TicketFilter;
  readonly page: PageRequest;
}

/** The tenant's tickets, newest first, filtered. */
export class ListTicketsUseCase {
  readonly #deps: Pick<TicketsDeps, 'uow'>;

  constructor(deps: Pick<TicketsDeps, 'uow'>) {
    this.#deps = deps;
  }

  execute(input: ListTicketsInput, actor: Actor): Effect.Effect<Page<Ticket>, Forbidden | StoreUnavailable> {
    return Effect.andThen(
      authorize(actor, 'tickets.read'),
      () => this.#deps.uow.read((store) => store.tickets.list(actor.tenantId, input.filter, input.page)),
    );
  }
}
