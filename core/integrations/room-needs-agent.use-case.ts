import { Effect, Result } from 'effect';
import { InvalidPlatformNotice, type ChatPlatform, type ChatPlatformNotices, type RoomNeedsAgent } from '../allocation/chat-platform.port.ts';
import type { DuplicateKey, InvalidInput, StoreUnavailable } from '../shared/errors.ts';
import type { Clock, IdGenerator } from '../shared/ports.ts';
import type { Store, UnitOfWork } from '../shared/unit-of-work.port.ts';
import type { Customer } from '../tickets/customer.ts';
import { createCustomer, customerRules } from '../tickets/customer.ops.ts';
import { isActive, type PlatformChannel, type Ticket } from '../tickets/ticket.ts';
import { createTicket, enterQueue, titleRule } from '../tickets/ticket.ops.ts';
import { checkText, firstCodePoints } from '../tickets/text.rules.ts';
import { insertChange, saveChange, tenantSettings } from '../tickets/tickets.shared.ts';
import { platformRoomState } from './integrations.shared.ts';

export interface RoomNeedsAgentInput {
  /** The tenant the webhook was authenticated for. */
  readonly tenantId: string;
  readonly payload: unknown;
}

export interface RoomIntake {
  /** `created`: a new ticket (first or new session); `requeued`: its active ticket waits again; `unchanged`: it already waits or is served; `ignored`: the room is resolved (a late delivery). */
  readonly outcome: 'created' | 'requeued' | 'unchanged' | 'ignored';
  readonly ticketId: string | null;
}

export interface RoomNeedsAgentDeps {
  readonly uow: UnitOfWork;
  readonly notices: ChatPlatformNotices;
  readonly platform: ChatPlatform;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

const roomIdMaxLength = 191;

/** What the platform said about the room once its last ticket `ticketId` was over: `resolved` means no new session since. */
type Asked = { readonly ticketId: string; readonly resolved: boolean } | null;

/** Times the platform is asked before a ticket is opened without its word (the room's tickets kept ending meanwhile). */
const askAtMost = 3;

const customerName = (notice: RoomNeedsAgent, platformName: string): string => {
  const fallback = `${platformName} customer`;
  const name = [notice.customer.name, notice.customer.userId].find((c): c is string => typeof c === 'string' && c.trim() !== '') ?? fallback;
  return firstCodePoints(name, customerRules.name.max);
};

const externalIdOf = (notice: RoomNeedsAgent, channel: PlatformChannel): string => {
  const userId = notice.customer.userId;
  const checked = userId === null ? null : checkText('external_id', userId, customerRules.externalId);
  return checked !== null && Result.isSuccess(checked) ? checked.success : `${channel}-room:${notice.roomId}`;
};

/**
 * A room asks for an agent (the platform may repeat this on every customer message while nobody serves it):
 * the room's active ticket stays as it is, or waits again; otherwise a new ticket is opened and queued —
 * unless the platform reports the room resolved: then it is a late delivery of the session that ended.
 */
export class RoomNeedsAgentUseCase {
  readonly #deps: RoomNeedsAgentDeps;

  constructor(deps: RoomNeedsAgentDeps) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(input: RoomNeedsAgentInput): Effect.Effect<RoomIntake, InvalidPlatformNotice | StoreUnavailable> {
    const decoded = this.#deps.notices.roomNeedsAgent(input.payload);
    if (Result.isFailure(decoded)) return Effect.fail(decoded.failure);
    const notice = decoded.success;
    if (notice.roomId.length > roomIdMaxLength) return Effect.fail(new InvalidPlatformNotice({ message: 'room_id is too long' }));
    if (notice.isResolved) return Effect.succeed({ outcome: 'ignored', ticketId: null });
    const deps = this.#deps;
    const { tenantId } = input;
    const intake = (asked: Asked, mayAsk: boolean) => {
      const attempt = deps.uow.exclusive(tenantId, (store) => this.#intake(store, tenantId, notice, asked, mayAsk));
      // Another process may have opened the room's ticket (or the customer) first: the retry finds it.
      return attempt.pipe(
        Effect.catchTag('DuplicateKey', () => attempt),
        Effect.catchTag('DuplicateKey', (e) => Effect.die(e)),
        Effect.catchTag('InvalidInput', (e) => Effect.fail(new InvalidPlatformNotice({ message: `${e.path} ${e.message}` }))),
      );
    };
    return Effect.gen(function* () {
      let asked: Asked = null;
      // The platform is asked outside the transaction, only when the room's last ticket is over; again if another one ended meanwhile.
      for (let round = 1; ; round++) {
        const step: RoomIntake | { readonly ask: string } = yield* intake(asked, round <= askAtMost);
        if (!('ask' in step)) return step;
        asked = { ticketId: step.ask, resolved: (yield* platformRoomState(deps, tenantId, notice.roomId)) === 'resolved' };
      }
    });
  }

  /** `{ ask }`: the room's last ticket is over and the platform has not been asked since. */
  #intake(
    store: Store,
    tenantId: string,
    notice: RoomNeedsAgent,
    asked: Asked,
    mayAsk: boolean,
  ): Effect.Effect<RoomIntake | { readonly ask: string }, InvalidInput | DuplicateKey | StoreUnavailable> {
    const { clock, ids, platform } = this.#deps;
    return Effect.gen(function* () {
      const now = clock.now();
      const latest = yield* store.tickets.findLatestByExternalRef(tenantId, platform.channel, notice.roomId);
      const current = latest === null ? null : yield* store.tickets.get(tenantId, latest.id, { forUpdate: true });
      if (current !== null && isActive(current)) {
        if (current.assignedAgentId !== null || current.queuedAt !== null) return { outcome: 'unchanged', ticketId: current.id } as const;
        yield* saveChange(store, enterQueue(current, { now, ids }));
        return { outcome: 'requeued', ticketId: current.id } as const;
      }
      if (current !== null && asked?.ticketId === current.id && asked.resolved) return { outcome: 'ignored', ticketId: null } as const;
      if (current !== null && asked?.ticketId !== current.id && mayAsk) return { ask: current.id };
      const customer = yield* findOrCreateCustomer(store, { ids, now, tenantId }, notice, platform);
      const ticket = yield* openRoomTicket(store, { ids, now, tenantId }, { roomId: notice.roomId, customer, platform });
      return { outcome: 'created', ticketId: ticket.id } as const;
    });
  }
}

/** A new session of a room: a new ticket, queued for the platform allocator (`room.queued`). */
export const openRoomTicket = (
  store: Store,
  context: { readonly ids: IdGenerator; readonly now: Date; readonly tenantId: string },
  room: { readonly roomId: string; readonly customer: Pick<Customer, 'id' | 'name'>; readonly platform: Pick<ChatPlatform, 'name' | 'channel'> },
): Effect.Effect<Ticket, InvalidInput | DuplicateKey | StoreUnavailable> =>
  Effect.gen(function* () {
    const { ids, now, tenantId } = context;
    const slaSettings = yield* tenantSettings(store, tenantId);
    const created = yield* Effect.fromResult(
      createTicket({
        id: ids.next(),
        tenantId,
        title: firstCodePoints(`${room.platform.name} chat with ${room.customer.name}`, titleRule.max),
        customerId: room.customer.id,
        channel: room.platform.channel,
        externalRef: room.roomId,
        autoAssign: false,
        slaSettings,
        now,
      }, ids),
    );
    return yield* insertChange(store, created);
  });

const findOrCreateCustomer = (
  store: Store,
  context: { readonly ids: IdGenerator; readonly now: Date; readonly tenantId: string },
  notice: RoomNeedsAgent,
  platform: Pick<ChatPlatform, 'name' | 'channel'>,
): Effect.Effect<Customer, InvalidInput | DuplicateKey | StoreUnavailable> =>
  Effect.gen(function* () {
    const externalId = externalIdOf(notice, platform.channel);
    const existing = yield* store.customers.findByExternalId(context.tenantId, externalId);
    if (existing !== null) return existing;
    const customer = yield* Effect.fromResult(
      createCustomer({ id: context.ids.next(), tenantId: context.tenantId, name: customerName(notice, platform.name), externalId, now: context.now }),
    );
    yield* store.customers.insert(customer);
    return customer;
  });
