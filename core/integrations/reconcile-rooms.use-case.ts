import { Effect, Result } from 'effect';
import type { ChatPlatform, ChatPlatformAccount } from '../allocation/chat-platform.port.ts';
import { isWaiting } from '../allocation/allocation.policy.ts';
import type { RetryableJobFailure, StoreUnavailable } from '../shared/errors.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { isActive, type Ticket } from '../tickets/ticket.ts';
import { saveChange } from '../tickets/tickets.shared.ts';
import { enterQueue, leaveQueue } from '../tickets/ticket.ops.ts';
import { dropStaleAssignment } from '../tickets/room-hold.ops.ts';
import { retryable, waitingRooms } from './integrations.shared.ts';
import { accountOf } from './platform-integration.ts';
import { resolveRoomTicket, type RoomEnv } from './room-reservation.ts';
import { openRoomTicket } from './room-needs-agent.use-case.ts';

export interface ReconcileRoomsResult {
  /** Waiting tickets whose room the platform reports served (they leave the queue) or unknown. */
  readonly dropped: number;
  readonly resolved: number;
  /** Tickets held for an agent (for longer than `staleAfterMs`) while the platform says nobody serves the room. */
  readonly released: number;
  /** Active tickets out of the queue whose room waits again on the platform. */
  readonly requeued: number;
  /** Rooms waiting on the platform whose tickets here were all over: a new session, a new ticket. */
  readonly reopened: number;
}

export interface ReconcileRoomsDeps extends RoomEnv {
  readonly uow: UnitOfWork;
  readonly platform: ChatPlatform;
  /** How long an assignment may disagree with the platform before it is undone (an in-flight reservation is younger); default 5 minutes. */
  readonly staleAfterMs?: number;
}

type Fix = 'dropped' | 'resolved' | 'released' | 'requeued' | 'reopened' | null;

const enteredBefore = (ticket: Ticket, at: Date): boolean => (ticket.queuedAt ?? ticket.createdAt).getTime() < at.getTime();

/** Brings the tenant's room tickets in line with what the platform reports (missed webhooks, crashes between reserve and confirm). */
export class ReconcileRoomsUseCase {
  readonly #deps: ReconcileRoomsDeps;

  constructor(deps: ReconcileRoomsDeps) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(input: { readonly tenantId: string }): Effect.Effect<ReconcileRoomsResult, RetryableJobFailure | StoreUnavailable> {
    const deps = this.#deps;
    const { uow, platform } = deps;
    const { tenantId } = input;
    const fixWaiting = (account: ChatPlatformAccount, ticket: Ticket, roomId: string) => this.#fixWaiting(account, ticket, roomId);
    const fixUnserved = (roomId: string, snapshotAt: Date) => this.#fixUnserved(tenantId, roomId, snapshotAt);
    return Effect.gen(function* () {
      const counts = { dropped: 0, resolved: 0, released: 0, requeued: 0, reopened: 0 };
      const integration = yield* uow.read((store) => store.integrations.get(tenantId));
      if (integration === null) return counts;
      const account = accountOf(integration);
      // A platform answer says nothing about tickets that entered the queue after it was asked for.
      const snapshotAt = deps.clock.now();
      const unserved = yield* platform.waitingRooms(account).pipe(Effect.mapError(retryable));
      const unservedIds = new Set(unserved.map((room) => room.roomId));
      const ours = yield* uow.read((store) => waitingRooms(store, tenantId));
      const fixes: Array<Fix> = [];
      for (const ticket of ours) {
        const roomId = ticket.externalRef;
        if (roomId !== null && !unservedIds.has(roomId) && enteredBefore(ticket, snapshotAt)) fixes.push(yield* fixWaiting(account, ticket, roomId));
      }
      for (const roomId of unservedIds) fixes.push(yield* fixUnserved(roomId, snapshotAt));
      for (const fix of fixes) if (fix !== null) counts[fix] += 1;
      return counts;
    });
  }

  /** Our ticket waits but the platform does not list the room as waiting: ask about the room itself. */
  #fixWaiting(account: ChatPlatformAccount, ticket: Ticket, roomId: string): Effect.Effect<Fix, StoreUnavailable> {
    const deps = this.#deps;
    const { uow, platform } = deps;
    const { tenantId } = ticket;
    return Effect.gen(function* () {
      const room = yield* Effect.result(platform.room(account, roomId));
      const state = Result.isSuccess(room) ? room.success.state : room.failure._tag === 'ChatRoomNotFound' ? 'gone' : 'unknown';
      if (state !== 'resolved' && state !== 'served' && state !== 'gone') return null;
      return yield* uow.exclusive(tenantId, (store) =>
        Effect.gen(function* () {
          // Only the very wait the platform was asked about: not a ticket that has been served, requeued or replaced since.
          const current = yield* store.tickets.get(tenantId, ticket.id, { forUpdate: true });
          if (current === null || !isWaiting(current) || current.queuedAt?.getTime() !== ticket.queuedAt?.getTime()) return null;
          if (state === 'resolved') return (yield* resolveRoomTicket(store, deps, { tenantId, ticketId: ticket.id })) ? ('resolved' as const) : null;
          yield* saveChange(store, leaveQueue(current, { now: deps.clock.now(), ids: deps.ids }));
          return 'dropped' as const;
        }),
      );
    });
  }

  /**
   * The platform says nobody serves the room: a stale assignment is undone, an unqueued active ticket
   * waits again, and a room whose last session the platform confirmed over before the snapshot is in
   * a new session (its request was missed or absorbed by the ticket it ended): a new ticket, same customer.
   */
  #fixUnserved(tenantId: string, roomId: string, snapshotAt: Date): Effect.Effect<Fix, StoreUnavailable> {
    const { uow, clock, ids, platform } = this.#deps;
    const staleAfterMs = this.#deps.staleAfterMs ?? 5 * 60_000;
    return uow.exclusive(tenantId, (store) =>
      Effect.gen(function* () {
        const latest = yield* store.tickets.findLatestByExternalRef(tenantId, platform.channel, roomId);
        const ticket = latest === null ? null : yield* store.tickets.get(tenantId, latest.id, { forUpdate: true });
        if (ticket === null || ticket.updatedAt.getTime() >= snapshotAt.getTime()) return null;
        const now = clock.now();
        if (!isActive(ticket)) {
          // Only once the platform has confirmed that ticket's session over: else its resolve may still be on the way.
          const session = yield* store.integrations.sessionOfTicket(tenantId, ticket.id);
          const customer = session?.resolved === true ? yield* store.customers.get(tenantId, ticket.customerId) : null;
          if (customer === null) return null;
          yield* openRoomTicket(store, { ids, now, tenantId }, { roomId, customer, platform }).pipe(
            Effect.catchTags({ InvalidInput: (e) => Effect.die(e), DuplicateKey: (e) => Effect.die(e) }),
          );
          return 'reopened' as const;
        }
        if (ticket.assignedAgentId !== null) {
          if (now.getTime() - ticket.updatedAt.getTime() < staleAfterMs) return null;
          yield* saveChange(store, dropStaleAssignment(ticket, ticket.createdAt, { now, ids }));
          return 'released' as const;
        }
        if (ticket.queuedAt !== null) return null;
        yield* saveChange(store, enterQueue(ticket, { now, ids }));
        return 'requeued' as const;
      }),
    );
  }
}
