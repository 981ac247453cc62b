import { Effect, Result } from 'effect';
import type { DuplicateKey, InvalidInput, StoreUnavailable } from '../shared/errors.ts';
import { domainEvent } from '../shared/events.ts';
import type { Clock, IdGenerator } from '../shared/ports.ts';
import type { Store, UnitOfWork } from '../shared/unit-of-work.port.ts';
import { appendMessage } from '../tickets/conversation.effects.ts';
import type { Customer } from '../tickets/customer.ts';
import { createCustomer, customerRules } from '../tickets/customer.ops.ts';
import { checkMessageText } from '../tickets/message.ops.ts';
import { isActive, type Ticket } from '../tickets/ticket.ts';
import { createTicket, titleRule } from '../tickets/ticket.ops.ts';
import { checkOptionalText, checkText, firstCodePoints } from '../tickets/text.rules.ts';
import { duplicateIsDefect, tenantSettings } from '../tickets/tickets.shared.ts';
import type { Channel } from './channel.ts';
import { intakeTitle } from './channel.ops.ts';

export interface ReceiveChannelMessageInput {
  /** The channel the edge authenticated the request for. */
  readonly channel: Pick<Channel, 'id' | 'tenantId'>;
  readonly customerExternalId: string;
  readonly customerName?: string | null;
  readonly message: string;
  readonly title?: string | null;
}

export interface ReceivedMessage {
  readonly ticketId: string;
  readonly messageId: string;
  readonly customerId: string;
}

export interface ReceiveChannelMessageDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/**
 * A customer's message from a signed channel: finds or creates the customer by external id, appends to
 * their active ticket on this channel or opens a new one (queued when the tenant auto-assigns).
 */
export class ReceiveChannelMessageUseCase {
  readonly #deps: ReceiveChannelMessageDeps;

  constructor(deps: ReceiveChannelMessageDeps) {
    this.#deps = deps;
  }

  execute(input: ReceiveChannelMessageInput): Effect.Effect<ReceivedMessage, InvalidInput | StoreUnavailable> {
    const checked = Result.all([
      checkText('customer_external_id', input.customerExternalId, customerRules.externalId),
      checkOptionalText('customer_name', input.customerName, customerRules.name),
      checkMessageText(input.message),
      checkOptionalText('title', input.title, titleRule),
    ]);
    if (Result.isFailure(checked)) return Effect.fail(checked.failure);
    // The customer's row lock serializes one customer's messages; other customers' intake runs in parallel.
    const attempt = this.#deps.uow.transaction((store) => this.#receive(store, input));
    // Two first messages of a new customer may race on the external id; the loser finds the winner's row.
    return attempt.pipe(
      Effect.catchTag('DuplicateKey', () => attempt),
      Effect.catchTag('DuplicateKey', (error) => Effect.die(error)),
    );
  }

  #receive(store: Store, input: ReceiveChannelMessageInput): Effect.Effect<ReceivedMessage, InvalidInput | DuplicateKey | StoreUnavailable> {
    const deps = this.#deps;
    const { tenantId, id: channelId } = input.channel;
    return Effect.gen(function* () {
      const settings = yield* tenantSettings(store, tenantId);
      const customer = yield* findOrCreateCustomer(store, deps, tenantId, input);
      const active = yield* store.tickets.findActiveForCustomer(tenantId, channelId, customer.id);
      const locked = active === null ? null : yield* store.tickets.get(tenantId, active.id, { forUpdate: true });
      let ticket: Ticket;
      if (locked !== null && isActive(locked)) ticket = locked;
      else {
        const now = deps.clock.now();
        ticket = yield* Effect.fromResult(
          createTicket({
            id: deps.ids.next(),
            tenantId,
            title: intakeTitle(input.title, input.message),
            customerId: customer.id,
            channel: 'webhook',
            channelId,
            autoAssign: settings.autoAssign,
            now,
          }),
        );
        yield* duplicateIsDefect(store.tickets.insert(ticket));
        yield* store.outbox.append([
          domainEvent('ticket.created', { id: deps.ids.next(), tenantId, occurredAt: now }, {
            ticketId: ticket.id,
            channel: 'webhook',
            priority: ticket.priority,
            autoAssign: settings.autoAssign,
          }),
        ]);
      }
      const message = yield* appendMessage(store, deps, { ticket, senderType: 'customer', senderId: customer.id, message: input.message }).pipe(
        Effect.catchTag('TicketClosed', (error) => Effect.die(error)),
      );
      return { ticketId: ticket.id, messageId: message.id, customerId: customer.id };
    });
  }
}

const findOrCreateCustomer = (
  store: Store,
  deps: ReceiveChannelMessageDeps,
  tenantId: string,
  input: ReceiveChannelMessageInput,
): Effect.Effect<Customer, InvalidInput | DuplicateKey | StoreUnavailable> =>
  Effect.gen(function* () {
    // Lock only a row that exists: a locking read of a missing key takes gap locks that deadlock concurrent inserts.
    const seen = yield* store.customers.findByExternalId(tenantId, input.customerExternalId);
    const existing = seen === null ? null : yield* store.customers.findByExternalId(tenantId, input.customerExternalId, { forUpdate: true });
    if (existing !== null) return existing;
    const customer = yield* Effect.fromResult(
      createCustomer({
        id: deps.ids.next(),
        tenantId,
        name: input.customerName ?? firstCodePoints(input.customerExternalId, customerRules.name.max),
        externalId: input.customerExternalId,
        now: deps.clock.now(),
      }),
    );
    yield* store.customers.insert(customer);
    return customer;
  });
