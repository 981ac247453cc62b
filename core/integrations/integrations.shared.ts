import { Duration, Effect, Option, Result } from 'effect';
import type { ChatPlatform, ChatPlatformFailure, ChatRoomNotFound, RoomState } from '../allocation/chat-platform.port.ts';
import { RetryableJobFailure, type StoreUnavailable } from '../shared/errors.ts';
import type { Store, UnitOfWork } from '../shared/unit-of-work.port.ts';
import type { Ticket } from '../tickets/ticket.ts';
import { accountOf } from './platform-integration.ts';

/** How far into the queue the platform allocator looks for rooms (native tickets share the queue). */
export const queueWindow = 500;

/** A platform failure as a job failure; the reason names the operation, never a secret. */
export const retryable = (error: ChatPlatformFailure | ChatRoomNotFound): RetryableJobFailure => {
  switch (error._tag) {
    case 'ChatPlatformUnavailable':
      return new RetryableJobFailure({ reason: `chat platform unavailable (${error.operation}): ${error.reason}` });
    case 'ChatPlatformCredentialsRejected':
      return new RetryableJobFailure({ reason: `chat platform refused the ${error.credentials} credentials` });
    case 'ChatPlatformRequestRejected':
      return new RetryableJobFailure({ reason: `chat platform refused ${error.operation} (status ${error.status})` });
    case 'ChatRoomNotFound':
      return new RetryableJobFailure({ reason: 'chat platform does not know the room' });
  }
};

/** Waiting platform-room tickets of the tenant, in queue order. */
export const waitingRooms = (store: Store, tenantId: string): Effect.Effect<ReadonlyArray<Ticket>, StoreUnavailable> =>
  Effect.map(store.queue.head(tenantId, queueWindow, 'platform'), (head) => head.filter((t) => t.externalRef !== null));

/** How long a webhook waits for the platform's word on a room before going on without it. */
const roomStateWait = Duration.seconds(2);

/** The room's state as the platform reports it now; null when it cannot tell (no integration, a failure, too slow, an unknown room). */
export const platformRoomState = (
  deps: { readonly uow: UnitOfWork; readonly platform: ChatPlatform },
  tenantId: string,
  roomId: string,
): Effect.Effect<RoomState | null, StoreUnavailable> =>
  Effect.gen(function* () {
    const integration = yield* deps.uow.read((store) => store.integrations.get(tenantId));
    if (integration === null) return null;
    const asked = yield* Effect.result(deps.platform.room(accountOf(integration), roomId)).pipe(Effect.timeoutOption(roomStateWait));
    return Option.isSome(asked) && Result.isSuccess(asked.value) ? asked.value.success.state : null;
  });
