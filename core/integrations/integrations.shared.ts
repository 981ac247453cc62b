import { Effect } from 'effect';
import type { ChatPlatformFailure, ChatRoomNotFound } from '../allocation/chat-platform.port.ts';
import { RetryableJobFailure, type StoreUnavailable } from '../shared/errors.ts';
import type { Store } from '../shared/unit-of-work.port.ts';
import type { Ticket } from '../tickets/ticket.ts';

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
