import { Effect, Result } from 'effect';
import type { ChatPlatformNotices, InvalidPlatformNotice } from '../allocation/chat-platform.port.ts';
import type { StoreUnavailable } from '../shared/errors.ts';
import type { Store, UnitOfWork } from '../shared/unit-of-work.port.ts';
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
 * The platform resolved a room: the ticket of the session it names becomes resolved, found by room
 * (whoever clicked resolve is not necessarily the assignee). A repeated or late notice about a
 * session already over, or about an earlier session than the room's latest ticket holds, changes
 * nothing. The `ticket.status_changed` it emits drains the queue.
 */
export class RoomResolvedUseCase {
  readonly #deps: RoomResolvedDeps;

  constructor(deps: RoomResolvedDeps) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(input: RoomResolvedInput): Effect.Effect<{ readonly ticketId: string | null }, InvalidPlatformNotice | StoreUnavailable> {
    const deps = this.#deps;
    const decoded = deps.notices.roomWasResolved(input.payload);
    if (Result.isFailure(decoded)) return Effect.fail(decoded.failure);
    const { roomId, sessionId } = decoded.success;
    const { tenantId } = input;
    return deps.uow.exclusive(tenantId, (store) =>
      Effect.gen(function* () {
        const ticketId = yield* sessionTicket(store, tenantId, roomId, sessionId);
        if (ticketId === null) return { ticketId: null };
        if (sessionId !== null) yield* store.integrations.saveSession({ tenantId, sessionId, roomId, ticketId, resolved: true });
        const changed = yield* resolveRoomTicket(store, deps, { tenantId, ticketId });
        return { ticketId: changed ? ticketId : null };
      }),
    );
  }
}

/** The ticket a resolve notice is about: its session's, else the room's latest unless that one holds another session; null when the notice is stale. */
const sessionTicket = (store: Store, tenantId: string, roomId: string, sessionId: string | null): Effect.Effect<string | null, StoreUnavailable> =>
  Effect.gen(function* () {
    const known = sessionId === null ? null : yield* store.integrations.findSession(tenantId, sessionId);
    if (known !== null) return known.resolved ? null : known.ticketId;
    const latest = yield* store.tickets.findLatestByExternalRef(tenantId, 'qiscus', roomId);
    if (latest === null) return null;
    if (sessionId === null) return latest.id;
    const held = yield* store.integrations.sessionOfTicket(tenantId, latest.id);
    return held === null ? latest.id : null;
  });
