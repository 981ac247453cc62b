import { Effect, Result } from 'effect';
import type { DuplicateKey, InvalidInput, StoreUnavailable } from '../shared/errors.ts';
import type { Clock, IdGenerator } from '../shared/ports.ts';
import type { Store, UnitOfWork } from '../shared/unit-of-work.port.ts';
import { appendMessage } from '../tickets/conversation.effects.ts';
import type { Customer } from '../tickets/customer.ts';
import { createCustomer, customerRules } from '../tickets/customer.ops.ts';
import { checkMessageText } from '../tickets/message.ops.ts';
import { isActive, type Ticket } from '../tickets/ticket.ts';
import { createTicket, titleRule } from '../tickets/ticket.ops.ts';
import { checkOptionalText, checkText, firstCodePoints } from '../tickets/text.rules.ts';
import { duplicateIsDefect, insertChange, tenantSettings } from '../tickets/tickets.shared.ts';
import type { Channel, ChannelDelivery } from './channel.ts';
import { intakeTitle, redeliveryHorizon } from './channel.ops.ts';

const receivedFrom = (delivery: ChannelDelivery): Omit<ReceivedMessage, 'repeated'> => ({
  ticketId: delivery.ticketId,
  messageId: delivery.messageId,
  customerId: delivery.customerId,
});

export interface ReceiveChannelMessageInput {
  /** The channel the edge authenticated the request for. */
  readonly channel: Pick<Channel, 'id' | 'tenantId'>;
  /** The sender's `webhook-id`: a second delivery with it within 24 hours has no effect. */
  readonly deliveryId: string;
  readonly customerExternalId: string;
  readonly customerName?: string | null;
  readonly message: string;
  readonly title?: string | null;
}

export interface ReceivedMessage {
  readonly ticketId: string;
  readonly messageId: string;
  readonly customerId: string;
  /** True when an earlier delivery with the same id was stored first: this one changed nothing. */
  readonly repeated: boolean;
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

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(input: ReceiveChannelMessageInput): Effect.Effect<ReceivedMessage, InvalidInput | StoreUnavailable> {
    const checked = Result.all([
      checkText('customer_external_id', input.customerExternalId, customerRules.externalId),
      checkOptionalText('customer_name', input.customerName, customerRules.name),
      checkMessageText(input.message),
      checkOptionalText('title', input.title, titleRule),
    ]);
    if (Result.isFailure(checked)) return Effect.fail(checked.failure);
    const { uow, clock } = this.#deps;
    const { tenantId, id: channelId } = input.channel;
    // The customer's row lock serializes one customer's messages; other customers' intake runs in parallel.
    const attempt = uow.transaction((store) => this.#receive(store, input));
    // A unique key on (channel, delivery id): of concurrent duplicates one commits, the others roll back and answer its result.
    const earlier = uow.read((store) => store.channels.findDelivery(tenantId, channelId, input.deliveryId, redeliveryHorizon(clock.now())));
    const orEarlier =
      <E>(otherwise: (error: DuplicateKey) => Effect.Effect<ReceivedMessage, E>) =>
      (error: DuplicateKey): Effect.Effect<ReceivedMessage, E | StoreUnavailable> =>
        Effect.flatMap(earlier, (found) => (found === null ? otherwise(error) : Effect.succeed({ ...receivedFrom(found), repeated: true })));
    // Otherwise two first messages of a new customer raced on the external id (the loser finds the winner's row),
    // or an expired delivery still holds the id: forget it and try once more.
    const forgetExpired = uow.transaction((store) => store.channels.forgetDeliveries(tenantId, channelId, redeliveryHorizon(clock.now())));
    return attempt.pipe(
      Effect.catchTag('DuplicateKey', orEarlier(() => forgetExpired.pipe(Effect.andThen(attempt)))),
      Effect.catchTag('DuplicateKey', orEarlier((error) => Effect.die(error))),
    );
  }

  #receive(store: Store, input: ReceiveChannelMessageInput): Effect.Effect<ReceivedMessage, InvalidInput | DuplicateKey | StoreUnavailable> {
    const deps = this.#deps;
    const { tenantId, id: channelId } = input.channel;
    return Effect.gen(function* () {
      const settings = yield* tenantSettings(store, tenantId);
      const { customer, created } = yield* findOrCreateCustomer(store, deps, tenantId, input);
      // A customer this unit created has no tickets yet.
      const active = created ? null : yield* store.tickets.findActiveForCustomer(tenantId, channelId, customer.id);
      const locked = active === null ? null : yield* store.tickets.get(tenantId, active.id, { forUpdate: true });
      let ticket: Ticket;
      if (locked !== null && isActive(locked)) ticket = locked;
      else {
        const now = deps.clock.now();
        const created = yield* Effect.fromResult(
          createTicket({
            id: deps.ids.next(),
            tenantId,
            title: intakeTitle(input.title, input.message),
            customerId: customer.id,
            channel: 'webhook',
            channelId,
            autoAssign: settings.autoAssign,
            slaSettings: settings,
            now,
          }, deps.ids),
        );
        ticket = yield* duplicateIsDefect(insertChange(store, created));
      }
      const message = yield* appendMessage(store, deps, { ticket, senderType: 'customer', senderId: customer.id, message: input.message }).pipe(
        Effect.catchTag('TicketClosed', (error) => Effect.die(error)),
      );
      const now = deps.clock.now();
      yield* store.channels.recordDelivery({
        tenantId,
        channelId,
        deliveryId: input.deliveryId,
        receivedAt: now,
        ticketId: ticket.id,
        messageId: message.id,
        customerId: customer.id,
      });
      return { ticketId: ticket.id, messageId: message.id, customerId: customer.id, repeated: false };
    });
  }
}

const findOrCreateCustomer = (
  store: Store,
  deps: ReceiveChannelMessageDeps,
  tenantId: string,
  input: ReceiveChannelMessageInput,
): Effect.Effect<{ readonly customer: Customer; readonly created: boolean }, InvalidInput | DuplicateKey | StoreUnavailable> =>
  Effect.gen(function* () {
    // Lock only a row that exists: a locking read of a missing key takes gap locks that deadlock concurrent inserts.
    const seen = yield* store.customers.findByExternalId(tenantId, input.customerExternalId);
    const existing = seen === null ? null : yield* store.customers.findByExternalId(tenantId, input.customerExternalId, { forUpdate: true });
    if (existing !== null) return { customer: existing, created: false };
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
    return { customer, created: true };
  });
