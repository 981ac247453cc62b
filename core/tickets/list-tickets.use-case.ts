import { Effect } from 'effect';
import { authorize } from '../access/permissions.ts';
import type { Actor } from '../shared/actor.ts';
import type { Forbidden, StoreUnavailable } from '../shared/errors.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import type { Ticket } from './ticket.ts';
import type { TicketFilter } from './ticket.port.ts';
import type { TicketsDeps } from './tickets.shared.ts';

export interface ListTicketsInput {
  /** `assignedAgentId: 'none'` lists unassigned tickets; `sla` is judged at the clock's now. */
  readonly filter: Omit<TicketFilter, 'sla'> & { readonly sla?: 'breached' | 'due_soon' };
  readonly page: PageRequest;
}

/** The tenant's tickets, newest first, filtered. */
export class ListTicketsUseCase {
  readonly #deps: Pick<TicketsDeps, 'uow' | 'clock'>;

  constructor(deps: Pick<TicketsDeps, 'uow' | 'clock'>) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(input: ListTicketsInput, actor: Actor): Effect.Effect<Page<Ticket>, Forbidden | StoreUnavailable> {
    const { sla, ...rest } = input.filter;
    return Effect.andThen(authorize(actor, 'tickets.read'), () => {
      const filter: TicketFilter = sla === undefined ? rest : { ...rest, sla: { state: sla, now: this.#deps.clock.now() } };
      return this.#deps.uow.read((store) => store.tickets.list(actor.tenantId, filter, input.page));
    });
  }
}
