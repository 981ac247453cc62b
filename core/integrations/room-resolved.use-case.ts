import { Effect, Result } from 'effect';
import type { ChatPlatform, ChatPlatformNotices, InvalidPlatformNotice } from '../allocation/chat-platform.port.ts';
import type { StoreUnavailable } from '../shared/errors.ts';
import type { Store, UnitOfWork } from '../shared/unit-of-work.port.ts';
import { isActive, type PlatformChannel } from '../tickets/ticket.ts';
import { platformRoomState } from './integrations.shared.ts';
import { resolveRoomTicket, type RoomEnv } from './room-reservation.ts';

export interface RoomResolvedInput {
  readonly tenantId: string;
  readonly payload: unknown;
}

export interface RoomResolvedDeps extends RoomEnv {
  readonly uow: UnitOfWork;
  readonly notices: ChatPlatformNotices;
  readonly platform: ChatPlatform;
}

/** The ticket a notice is about; `sure: false` when only the platform can tell (an active ticket whose session we do not know). */
interface NoticeTarget {
  readonly ticketId: string;
  readonly sure: boolean;
}

/**
 * The platform resolved a room: the ticket of the session it names becomes resolved, found by room
 * (whoever clicked resolve is not necessarily the assignee). A repeated or late notice about a
 * session already over, or about an earlier session than the room's latest ticket holds, changes
 * nothing. A notice for a session we never learnt resolves the room's active ticket only while the
 * platform still reports the room resolved: a late notice of the session before must not end the
 * next session's ticket. The `ticket.status_changed` it emits drains the queue.
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
    // `confirmed`: the unsure ticket the platform reports resolved now; anything else unsure is left alone.
    const settle = (confirmed: string | null): Effect.Effect<{ readonly ticketId: string | null } | { readonly ask: string }, StoreUnavailable> =>
      deps.uow.exclusive(tenantId, (store) =>
        Effect.gen(function* () {
          const target = yield* noticeTarget(store, deps.platform.channel, tenantId, roomId, sessionId);
          if (target === null) return { ticketId: null };
          if (!target.sure && target.ticketId !== confirmed) return { ask: target.ticketId };
          const { ticketId } = target;
          if (sessionId !== null) yield* store.integrations.saveSession({ tenantId, sessionId, roomId, ticketId, resolved: true });
          const changed = yield* resolveRoomTicket(store, deps, { tenantId, ticketId });
          return { ticketId: changed ? ticketId : null };
        }),
      );
    return Effect.gen(function* () {
      const first = yield* settle(null);
      if (!('ask' in first)) return first;
      // Asked outside the transaction; no answer leaves the ticket (reconciliation or its assign call finds the room resolved).
      const confirmed = (yield* platformRoomState(deps, tenantId, roomId)) === 'resolved' ? first.ask : null;
      const second = yield* settle(confirmed);
      return 'ask' in second ? { ticketId: null } : second;
    });
  }
}

/** Its session's ticket; else the room's latest unless that one holds another session; null when the notice is stale. */
const noticeTarget = (store: Store, channel: PlatformChannel, tenantId: string, roomId: string, sessionId: string | null): Effect.Effect<NoticeTarget | null, StoreUnavailable> =>
  Effect.gen(function* () {
    const known = sessionId === null ? null : yield* store.integrations.findSession(tenantId, sessionId);
    if (known !== null) return known.resolved ? null : { ticketId: known.ticketId, sure: true };
    const latest = yield* store.tickets.findLatestByExternalRef(tenantId, channel, roomId);
    if (latest === null) return null;
    if (!isActive(latest)) return { ticketId: latest.id, sure: true };
    const held = yield* store.integrations.sessionOfTicket(tenantId, latest.id);
    if (held !== null && sessionId !== null) return null;
    return { ticketId: latest.id, sure: false };
  });
