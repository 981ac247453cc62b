import { Effect, Result } from 'effect';
import type { ChatPlatform, ChatPlatformAccount } from '../allocation/chat-platform.port.ts';
import type { RetryableJobFailure, StoreUnavailable } from '../shared/errors.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { retryable } from './integrations.shared.ts';
import { adoptRoom, confirmReservation, releaseReservation, resolveRoomTicket, type Reservation, type RoomEnv } from './room-reservation.ts';

/** `dropped`: the platform says someone else serves the room; `skipped`: the platform refused the request for this room. */
export type RoomStep = 'assigned' | 'waiting' | 'blocked' | 'dropped' | 'resolved' | 'skipped';

/**
 * The platform call for a reservation, outside any transaction, then its outcome in our store: confirmed,
 * released back to its place (the call failed), dropped (someone else serves the room) or resolved.
 */
export const assignReserved = (
  deps: RoomEnv & { readonly uow: UnitOfWork; readonly platform: ChatPlatform },
  account: ChatPlatformAccount,
  r: Reservation,
): Effect.Effect<RoomStep, RetryableJobFailure | StoreUnavailable> => {
  const { uow, platform } = deps;
  const { tenantId, roomId } = r;
  const target = { tenantId, ticketId: r.ticketId };
  return Effect.gen(function* () {
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
        const sessionId = outcome._tag === 'Assigned' ? outcome.sessionId : null;
        const settled = yield* uow.exclusive(tenantId, (store) =>
          Effect.gen(function* () {
            yield* store.integrations.takeUnansweredAssign(tenantId, roomId);
            if (yield* confirmReservation(store, deps, r, { sessionId })) return true;
            // A session we already know (its resolve came first) is over: neither a newer ticket nor the room's next session is the agent's.
            if (sessionId !== null && (yield* store.integrations.findSession(tenantId, sessionId)) !== null) return true;
            // The ticket ended while the call was out, yet the agent now holds the room: a newer ticket of the room is theirs.
            return yield* adoptRoom(store, deps, r, sessionId);
          }),
        );
        // Nobody here wants the room any more: free the agent on the platform too.
        if (!settled) yield* platform.resolveRoom(account, roomId).pipe(Effect.mapError(retryable));
        return 'assigned';
      }
      if (outcome._tag === 'AlreadyServed') {
        // Served by someone: the agent of an earlier unanswered call of ours if there was one, else outside Switchboard.
        return yield* uow.exclusive(tenantId, (store) =>
          Effect.gen(function* () {
            const earlier = yield* store.integrations.takeUnansweredAssign(tenantId, roomId);
            if (earlier !== null && (yield* confirmReservation(store, deps, r, { by: earlier.userId }))) return 'assigned' as const;
            yield* releaseReservation(store, deps, r, false);
            return 'dropped' as const;
          }),
        );
      }
      yield* uow.exclusive(tenantId, (store) =>
        Effect.andThen(store.integrations.takeUnansweredAssign(tenantId, roomId), resolveRoomTicket(store, deps, { ...target, reserved: r })),
      );
      return 'resolved';
  });
};
