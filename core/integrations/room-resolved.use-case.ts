import { Effect, Result } from 'effect';
import type { ChatPlatformNotices, InvalidPlatformNotice } from '../allocation/chat-platform.port.ts';
import type { StoreUnavailable } from '../shared/errors.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { resolveRoomTicket, type RoomEnv } from './room-reservation.ts';

export interface RoomResolvedInput {
  readonly tenantId: string;
  readonly payload: unknown;
}

export interface RoomResolvedDeps extends RoomEnv {
  readonly uow: UnitOfWork;
  readonly notices: ChatPlatformNotices;
}

/**
 * The platform resolved a room: its active ticket becomes resolved, found by room (whoever clicked
 * resolve is not necessarily the assignee). The `ticket.status_changed` it emits drains the queue.
 */
export class RoomResolvedUseCase {
  readonly #deps: RoomResolvedDeps;

  constructor(deps: RoomResolvedDeps) {
    this.#deps = deps;
  }

  execute(input: RoomResolvedInput): Effect.Effect<{ readonly ticketId: string | null }, InvalidPlatformNotice | StoreUnavailable> {
    const deps = this.#deps;
    const decoded = deps.notices.roomWasResolved(input.payload);
    if (Result.isFailure(decoded)) return Effect.fail(decoded.failure);
    const { roomId } = decoded.success;
    const { tenantId } = input;
    return deps.uow.exclusive(tenantId, (store) =>
      Effect.gen(function* () {
        const latest = yield* store.tickets.findLatestByExternalRef(tenantId, 'qiscus', roomId);
        if (latest === null) return { ticketId: null };
        const changed = yield* resolveRoomTicket(store, deps, { tenantId, ticketId: latest.id });
        return { ticketId: changed ? latest.id : null };
      }),
    );
  }
}
