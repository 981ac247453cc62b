import { Effect, Result } from 'effect';
import type { ChatPlatform, ChatPlatformAccount } from '../allocation/chat-platform.port.ts';
import type { RetryableJobFailure, StoreUnavailable } from '../shared/errors.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import type { Ticket } from '../tickets/ticket.ts';
import { retryable, waitingRooms } from './integrations.shared.ts';
import { accountOf } from './qiscus-integration.ts';
import { confirmReservation, releaseReservation, reserveRoom, resolveRoomTicket, type RoomEnv } from './room-reservation.ts';

export interface AllocateRoomsInput {
  readonly tenantId: string;
}

/** `dropped`: the platform says someone else serves the room; `skipped`: the platform refused the request for this room. */
export type RoomStep = 'assigned' | 'waiting' | 'dropped' | 'resolved' | 'skipped';

export interface AllocateRoomsResult {
  readonly examined: number;
  readonly assigned: number;
}

export interface AllocateRoomsDeps extends RoomEnv {
  readonly uow: UnitOfWork;
  readonly platform: ChatPlatform;
  /** Most rooms looked at per run (each costs platform calls); default 20. */
  readonly roomsPerRun?: number;
}

/**
 * Allocates the tenant's waiting platform rooms in queue order: per room, ask the platform who may
 * take it, reserve in our store (exclusive section), call the platform outside any transaction, then
 * confirm or release. A platform failure releases the room at its old place and fails retryably.
 */
export class AllocateRoomsUseCase {
  readonly #deps: AllocateRoomsDeps;

  constructor(deps: AllocateRoomsDeps) {
    this.#deps = deps;
  }

  execute(input: AllocateRoomsInput): Effect.Effect<AllocateRoomsResult, RetryableJobFailure | StoreUnavailable> {
    const { uow } = this.#deps;
    const perRun = this.#deps.roomsPerRun ?? 20;
    const allocateRoom = (account: ChatPlatformAccount, ticket: Ticket) => this.#allocateRoom(account, ticket);
    return Effect.gen(function* () {
      const integration = yield* uow.read((store) => store.integrations.get(input.tenantId));
      if (integration === null) return { examined: 0, assigned: 0 };
      const account = accountOf(integration);
      const tried = new Set<string>();
      let assigned = 0;
      while (tried.size < perRun) {
        const rooms = yield* uow.read((store) => waitingRooms(store, input.tenantId));
        const next = rooms.find((t) => !tried.has(t.id));
        if (next === undefined) break;
        tried.add(next.id);
        if ((yield* allocateRoom(account, next)) === 'assigned') assigned += 1;
      }
      return { examined: tried.size, assigned };
    });
  }

  #allocateRoom(account: ChatPlatformAccount, ticket: Ticket): Effect.Effect<RoomStep, RetryableJobFailure | StoreUnavailable> {
    const deps = this.#deps;
    const { uow, platform } = deps;
    const { tenantId } = ticket;
    const roomId = ticket.externalRef ?? '';
    return Effect.gen(function* () {
      const eligible = yield* Effect.result(platform.eligibleAgents(account, roomId));
      if (Result.isFailure(eligible)) {
        if (eligible.failure._tag === 'ChatPlatformRequestRejected') return 'skipped';
        return yield* Effect.fail(retryable(eligible.failure));
      }
      const target = { tenantId, ticketId: ticket.id };
      const reserved = yield* uow.exclusive(tenantId, (store) => reserveRoom(store, deps, target, eligible.success));
      if (reserved._tag !== 'Reserved') return 'waiting';
      const r = reserved.reservation;
      const answer = yield* Effect.result(platform.assignAgent(account, roomId, r.platformAgentId));
      if (Result.isFailure(answer)) {
        const unanswered = answer.failure._tag === 'ChatPlatformUnavailable';
        const attempt = { tenantId, roomId, platformAgentId: r.platformAgentId, userId: r.agentId };
        yield* uow.exclusive(tenantId, (store) =>
          Effect.andThen(releaseReservation(store, deps, r, true), unanswered ? store.integrations.recordUnansweredAssign(attempt) : Effect.void),
        );
        if (answer.failure._tag === 'ChatPlatformRequestRejected') return 'skipped';
        return yield* Effect.fail(retryable(answer.failure));
      }
      const outcome = answer.success;
      if (outcome._tag === 'Assigned' || (outcome._tag === 'AlreadyServed' && outcome.uncertain)) {
        // An uncertain "already served" follows our own unanswered attempt: most likely our agent.
        yield* uow.exclusive(tenantId, (store) =>
          Effect.andThen(store.integrations.takeUnansweredAssign(tenantId, roomId), confirmReservation(store, deps, r)),
        );
        return 'assigned';
      }
      if (outcome._tag === 'AlreadyServed') {
        // Served by someone: the agent of an earlier unanswered call of ours if there was one, else outside Switchboard.
        return yield* uow.exclusive(tenantId, (store) =>
          Effect.gen(function* () {
            const earlier = yield* store.integrations.takeUnansweredAssign(tenantId, roomId);
            if (earlier !== null && (yield* confirmReservation(store, deps, r, earlier.userId))) return 'assigned' as const;
            yield* releaseReservation(store, deps, r, false);
            return 'dropped' as const;
          }),
        );
      }
      yield* uow.exclusive(tenantId, (store) =>
        Effect.andThen(store.integrations.takeUnansweredAssign(tenantId, roomId), resolveRoomTicket(store, deps, { ...target, reservedFor: r.agentId })),
      );
      return 'resolved';
    });
  }
}
