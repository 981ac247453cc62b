import { Effect } from 'effect';
import { authorize } from '../access/permissions.ts';
import type { Actor } from '../shared/actor.ts';
import type { Forbidden, InvalidInput, NotFound, StoreUnavailable } from '../shared/errors.ts';
import { appendMessage } from './conversation.effects.ts';
import type { Message } from './message.ts';
import { checkMessageText } from './message.ops.ts';
import type { TicketClosed } from './tickets.errors.ts';
import { findTicket, saveChange, type TicketsDeps } from './tickets.shared.ts';
import { recordFirstResponse } from './ticket.ops.ts';

export interface PostMessageInput {
  readonly ticketId: string;
  readonly message: string;
}

/** A staff message on a ticket's conversation; the sender is the actor, the first one answers the ticket. A resolved ticket keeps its status. */
export class PostMessageUseCase {
  readonly #deps: TicketsDeps;

  constructor(deps: TicketsDeps) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(
    input: PostMessageInput,
    actor: Actor,
  ): Effect.Effect<Message, Forbidden | InvalidInput | NotFound | TicketClosed | StoreUnavailable> {
    const deps = this.#deps;
    return Effect.gen(function* () {
      yield* authorize(actor, 'messages.post');
      yield* Effect.fromResult(checkMessageText(input.message));
      return yield* deps.uow.transaction((store) =>
        Effect.gen(function* () {
          const ticket = yield* findTicket(store, actor.tenantId, input.ticketId, { forUpdate: true });
          const message = yield* appendMessage(store, deps, { ticket, senderType: actor.role, senderId: actor.userId, message: input.message });
          const answered = recordFirstResponse(ticket, actor.userId, { now: message.createdAt, ids: deps.ids });
          if (answered.ticket !== ticket) yield* saveChange(store, answered);
          return message;
        }),
      );
    });
  }
}
