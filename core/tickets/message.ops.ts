import { Result } from 'effect';
import type { InvalidInput } from '../shared/errors.ts';
import type { Message, SenderType } from './message.ts';
import type { Ticket } from './ticket.ts';
import { TicketClosed } from './tickets.errors.ts';
import { checkText } from './text.rules.ts';

export const messageRule = { min: 1, max: 10_000 } as const;

/** Checks a message's text alone (1..10000 code points), before anything is loaded. */
export const checkMessageText = (text: string): Result.Result<string, InvalidInput> => checkText('message', text, messageRule);

export interface NewMessage {
  readonly id: string;
  readonly ticket: Ticket;
  readonly senderType: SenderType;
  readonly senderId: string | null;
  readonly message: string;
  readonly now: Date;
}

/** A message for the ticket's conversation (its sequence comes from the repository). Closed tickets take none. */
export const newMessage = (input: NewMessage): Result.Result<Omit<Message, 'sequence'>, InvalidInput | TicketClosed> =>
  Result.gen(function* () {
    const message = yield* checkMessageText(input.message);
    if (input.ticket.status === 'closed') return yield* Result.fail(new TicketClosed({ ticketId: input.ticket.id }));
    return {
      id: input.id,
      ticketId: input.ticket.id,
      tenantId: input.ticket.tenantId,
      senderType: input.senderType,
      senderId: input.senderId,
      message,
      createdAt: input.now,
    };
  });
