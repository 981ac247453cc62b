import { Effect } from 'effect';
import type { InvalidInput, StoreUnavailable } from '../shared/errors.ts';
import { domainEvent } from '../shared/events.ts';
import type { Clock, IdGenerator } from '../shared/ports.ts';
import type { Store } from '../shared/unit-of-work.port.ts';
import type { Message, SenderType } from './message.ts';
import { newMessage } from './message.ops.ts';
import type { Ticket } from './ticket.ts';
import type { TicketClosed } from './tickets.errors.ts';
import { eventMeta } from './tickets.shared.ts';

export interface AppendMessageInput {
  /** Loaded with `forUpdate` in the same unit of work, so sequences never collide. */
  readonly ticket: Ticket;
  readonly senderType: SenderType;
  readonly senderId: string | null;
  readonly message: string;
}

/**
 * Appends a message to a ticket's conversation and its `message.created` event, inside the caller's
 * unit of work. Staff posts and channel intake (sender_type 'customer', sender_id = customer id) share it.
 */
export const appendMessage = (
  store: Store,
  deps: { readonly clock: Clock; readonly ids: IdGenerator },
  input: AppendMessageInput,
): Effect.Effect<Message, InvalidInput | TicketClosed | StoreUnavailable> =>
  Effect.gen(function* () {
    const now = deps.clock.now();
    const draft = yield* Effect.fromResult(newMessage({ id: deps.ids.next(), now, ...input }));
    const message = yield* store.messages.append(draft);
    yield* store.outbox.append([
      domainEvent('message.created', eventMeta(deps.ids, message.tenantId, now), {
        ticketId: message.ticketId,
        messageId: message.id,
        senderType: message.senderType,
      }),
    ]);
    return message;
  });
