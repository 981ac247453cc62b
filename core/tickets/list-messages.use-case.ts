import { Effect } from 'effect';
import { authorize } from '../access/permissions.ts';
import type { Actor } from '../shared/actor.ts';
import type { Forbidden, NotFound, StoreUnavailable } from '../shared/errors.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import type { Message } from './message.ts';
import { findTicket, type TicketsDeps } from './tickets.shared.ts';

export interface ListMessagesInput {
  readonly ticketId: string;
  readonly page: PageRequest;
}

/** A ticket's conversation, oldest first, in a stable total order. */
export class ListMessagesUseCase {
  readonly #deps: Pick<TicketsDeps, 'uow'>;

  constructor(deps: Pick<TicketsDeps, 'uow'>) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(input: ListMessagesInput, actor: Actor): Effect.Effect<Page<Message>, Forbidden | NotFound | StoreUnavailable> {
    return Effect.andThen(
      authorize(actor, 'messages.read'),
      () => this.#deps.uow.read((store) =>
        Effect.andThen(findTicket(store, actor.tenantId, input.ticketId), () => store.messages.list(actor.tenantId, input.ticketId, input.page)),
      ),
    );
  }
}
