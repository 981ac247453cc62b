import { Effect, Result } from 'effect';
import type { AssignOutcome, ChatPlatform, ChatPlatformAccount, ChatPlatformFailure } from '../allocation/chat-platform.port.ts';
import type { RetryableJobFailure, StoreUnavailable } from '../shared/errors.ts';
import type { Store } from '../shared/unit-of-work.port.ts';
import { retryable } from './integrations.shared.ts';
import { adoptRoom, confirmReservation, releaseReservation, resolveRoomTicket, type Reservation, type RoomEnv } from './room-reservation.ts';

/** `dropped`: the platform says someone else serves the room; `skipped`: the platform refused the request for this room. */
export type RoomStep = 'assigned' | 'waiting' | 'blocked' | 'dropped' | 'resolved' | 'skipped';

/** What the platform answered to one `assignAgent` call. */
export type AssignAnswer = Result.Result<AssignOutcome, ChatPlatformFailure>;

/** A settled answer: the step, a failure the run ends with, and whether the agent must be freed on the platform again. */
export interface SettledAnswer {
  readonly step: RoomStep;
  readonly failure: RetryableJobFailure | null;
  readonly freeOnPlatform: boolean;
}

/** The platform call for a reservation; made outside any transaction. */
export const askToAssign = (platform: ChatPlatform, account: ChatPlatformAccount, r: Reservation): Effect.Effect<AssignAnswer> =>
  Effect.result(platform.assignAgent(account, r.roomId, r.platformAgentId));

/**
 * The outcome of an answer in our store: confirmed, released back to its place (the call failed),
 * dropped (someone else serves the room) or resolved. Run inside `UnitOfWork.exclusive(tenantId, …)`.
 */
export const settleAnswer = (store: Store, env: RoomEnv, r: Reservation, answer: AssignAnswer): Effect.Effect<SettledAnswer, StoreUnavailable> =>
  Effect.gen(function* () {
    const { tenantId, roomId } = r;
    if (Result.isFailure(answer)) {
      const unanswered = answer.failure._tag === 'ChatPlatformUnavailable';
      yield* releaseReservation(store, env, r, true);
      if (unanswered) yield* store.integrations.recordUnansweredAssign({ tenantId, roomId, platformAgentId: r.platformAgentId, userId: r.agentId });
      if (answer.failure._tag === 'ChatPlatformRequestRejected') return { step: 'skipped', failure: null, freeOnPlatform: false };
      return { step: 'waiting', failure: retryable(answer.failure), freeOnPlatform: false };
    }
    const outcome = answer.success;
    if (outcome._tag === 'Assigned' || (outcome._tag === 'AlreadyServed' && outcome.uncertain)) {
      // An uncertain "already served" follows our own unanswered attempt: most likely our agent.
      const sessionId = outcome._tag === 'Assigned' ? outcome.sessionId : null;
      yield* store.integrations.takeUnansweredAssign(tenantId, roomId);
      const settled =
        (yield* confirmReservation(store, env, r, { sessionId })) ||
        // A session we already know (its resolve came first) is over: neither a newer ticket nor the room's next session is the agent's.
        (sessionId !== null && (yield* store.integrations.findSession(tenantId, sessionId)) !== null) ||
        // The ticket ended while the call was out, yet the agent now holds the room: a newer ticket of the room is theirs.
        (yield* adoptRoom(store, env, r, sessionId));
      // Nobody here wants the room any more: free the agent on the platform too.
      return { step: 'assigned', failure: null, freeOnPlatform: !settled };
    }
    if (outcome._tag === 'AlreadyServed') {
      // Served by someone: the agent of an earlier unanswered call of ours if there was one, else outside Switchboard.
      const earlier = yield* store.integrations.takeUnansweredAssign(tenantId, roomId);
      if (earlier !== null && (yield* confirmReservation(store, env, r, { by: earlier.userId }))) return { step: 'assigned', failure: null, freeOnPlatform: false };
      yield* releaseReservation(store, env, r, false);
      return { step: 'dropped', failure: null, freeOnPlatform: false };
    }
    yield* store.integrations.takeUnansweredAssign(tenantId, roomId);
    yield* resolveRoomTicket(store, env, { tenantId, ticketId: r.ticketId, reserved: r });
    return { step: 'resolved', failure: null, freeOnPlatform: false };
  });

/** Frees the agent on the platform for a settled answer that asks for it. */
export const freeIfAsked = (
  platform: ChatPlatform,
  account: ChatPlatformAccount,
  r: Reservation,
  settled: SettledAnswer,
): Effect.Effect<void, RetryableJobFailure> => (settled.freeOnPlatform ? platform.resolveRoom(account, r.roomId).pipe(Effect.asVoid, Effect.mapError(retryable)) : Effect.void);
