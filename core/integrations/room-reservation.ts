import { Effect, Result } from 'effect';
import type { ChatPlatform, PlatformAgent } from '../allocation/chat-platform.port.ts';
import type { AgentLoad } from '../allocation/allocation.port.ts';
import { afterAssignment, chooseAgent, compareQueueOrder, isWaiting } from '../allocation/allocation.policy.ts';
import { drainBatch } from '../allocation/drain-batch.ts';
import { ahead, firstBlocker, passedOver } from '../allocation/fair-queue.ts';
import type { StoreUnavailable } from '../shared/errors.ts';
import type { AllocationDecision } from '../shared/events.ts';
import type { Clock, IdGenerator } from '../shared/ports.ts';
import type { Store } from '../shared/unit-of-work.port.ts';
import { isActive, type Ticket } from '../tickets/ticket.ts';
import { changeStatus } from '../tickets/ticket.ops.ts';
import { confirmHold, firstAssignmentOf, hold, releaseHold, type FirstAssignment } from '../tickets/room-hold.ops.ts';
import { saveChange, tenantSettings } from '../tickets/tickets.shared.ts';
import { touchAgent } from '../allocation/touch-agent.ts';
import { mirrorAgents, platformCandidates, withReportedLoads, type MirrorCache } from './platform-agents.ts';

export interface RoomEnv {
  /** The platform whose rooms these are (its channel names their tickets). */
  readonly platform: Pick<ChatPlatform, 'channel'>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** A ticket held for an agent in our store while the platform is asked; not yet announced. */
export interface Reservation {
  readonly tenantId: string;
  readonly ticketId: string;
  readonly roomId: string;
  readonly agentId: string;
  readonly platformAgentId: string;
  /** Where the ticket stood in the queue, restored on release. */
  readonly queuedAt: Date | null;
  /** The ticket's first assignment before the hold, restored on release (a released hold is no assignment). */
  readonly before: FirstAssignment;
  readonly decision: AllocationDecision;
}

/** `eligibleIds`: the users the platform's eligible agents are mirrored as (what the run learns about the room). */
export type ReserveOutcome =
  | { readonly _tag: 'Reserved'; readonly reservation: Reservation; readonly eligibleIds: ReadonlyArray<string> }
  | { readonly _tag: 'NoCapacity'; readonly decision: AllocationDecision; readonly eligibleIds: ReadonlyArray<string> }
  /** An older waiting ticket could take a place first: allocate that one before this room. */
  | { readonly _tag: 'Blocked'; readonly blockerId: string; readonly eligibleIds: ReadonlyArray<string> }
  | { readonly _tag: 'NotWaiting' };

/** Native tickets ahead of a room that one native drain batch serves before the room is weighed. */
const nativesFirst = 50;

/** How many waiting tickets of each lane ahead of a room the fairness check reads. */
const weighed = 100;

const heldFor = (ticket: Ticket | null, agentId: string): ticket is Ticket =>
  ticket !== null && isActive(ticket) && ticket.assignedAgentId === agentId;

/** A room to reserve and the agents the platform listed for it. */
export interface RoomToReserve {
  readonly ticketId: string;
  readonly eligible: ReadonlyArray<PlatformAgent>;
}

/**
 * Reserves the rooms one after the other, in the order given (queue order): per room, picks among the
 * platform's eligible agents with the shared policy and assigns the ticket in our store, so every
 * concurrent allocation counts it — unless the fairness rule (`fair-queue.ts`) gives the place to an
 * older waiting ticket: older native tickets are served here first, an older room that could be served
 * comes back as `Blocked` and ends the batch. The loads and queue are read once and kept up to date in
 * memory (re-read after a native drain). `knowledge` learns each room's eligible agents as it goes.
 * Run inside `UnitOfWork.exclusive(tenantId, …)`.
 */
export const reserveRooms = (
  store: Store,
  env: RoomEnv,
  tenantId: string,
  rooms: ReadonlyArray<RoomToReserve>,
  knowledge: Map<string, ReadonlySet<string>>,
  mirrors: MirrorCache = new Map(),
): Effect.Effect<ReadonlyArray<ReserveOutcome>, StoreUnavailable> =>
  Effect.gen(function* () {
    const outcomes: Array<ReserveOutcome> = [];
    const settings = yield* tenantSettings(store, tenantId);
    let view: { pool: ReadonlyArray<AgentLoad>; natives: ReadonlyArray<Ticket>; waiting: ReadonlyArray<Ticket> } | null = null;
    const read = Effect.gen(function* () {
      const pool = yield* store.agents.all(tenantId);
      const natives = yield* store.queue.head(tenantId, weighed, 'native');
      return { pool, natives, waiting: [...natives, ...(yield* store.queue.head(tenantId, weighed, 'platform'))] };
    });
    for (const room of rooms) {
      const ticket = yield* store.tickets.get(tenantId, room.ticketId, { forUpdate: true });
      if (ticket === null || !isWaiting(ticket) || ticket.externalRef === null) {
        outcomes.push({ _tag: 'NotWaiting' });
        continue;
      }
      const now = env.clock.now();
      view ??= yield* read;
      if (view.natives.some((t) => compareQueueOrder(t, ticket) < 0)) {
        yield* drainBatch(store, env, tenantId, nativesFirst, { knowledge, before: ticket }).pipe(Effect.catchTag('NotFound', () => Effect.void));
        view = yield* read;
      }
      const mirrored = yield* mirrorAgents(store, { tenantId, ids: env.ids, now }, room.eligible, mirrors, view.pool);
      if (mirrored.some((m) => !view?.pool.some((a) => a.agentId === m.user.id))) view = yield* read;
      const pool = withReportedLoads(view.pool, mirrored);
      const eligibleIds = mirrored.map((m) => m.user.id);
      knowledge.set(ticket.id, new Set(eligibleIds));
      const older = ahead(ticket, view.waiting);
      const blocker = firstBlocker(older, pool, settings.maxCustomersPerAgent, knowledge);
      if (blocker !== null) {
        outcomes.push({ _tag: 'Blocked', blockerId: blocker.id, eligibleIds });
        break;
      }
      const found = chooseAgent(platformCandidates(pool, mirrored), settings.maxCustomersPerAgent);
      const choice = older.length === 0 ? found : { ...found, decision: { ...found.decision, passedOver: passedOver(older) } };
      const agent = choice.agent;
      const platformAgent = mirrored.find((m) => m.user.id === agent?.agentId)?.platform;
      const held = agent === null ? null : hold(ticket, agent.agentId, { now, ids: env.ids });
      if (agent === null || platformAgent === undefined || held === null || Result.isFailure(held)) {
        view = { ...view, pool };
        outcomes.push(held !== null && Result.isFailure(held) ? { _tag: 'NotWaiting' } : { _tag: 'NoCapacity', decision: choice.decision, eligibleIds });
        continue;
      }
      yield* saveChange(store, held.success);
      yield* touchAgent(store, tenantId, agent.agentId, now);
      view = { ...view, pool: pool.map((a) => (a.agentId === agent.agentId ? afterAssignment(a, now) : a)), waiting: view.waiting.filter((t) => t.id !== ticket.id) };
      const reservation: Reservation = {
        tenantId,
        ticketId: ticket.id,
        roomId: ticket.externalRef,
        agentId: agent.agentId,
        platformAgentId: platformAgent.platformAgentId,
        queuedAt: ticket.queuedAt,
        before: firstAssignmentOf(ticket),
        decision: choice.decision,
      };
      outcomes.push({ _tag: 'Reserved', reservation, eligibleIds });
    }
    return outcomes;
  });

/**
 * The platform took the assignment: announce it (`ticket.assigned`) if the ticket is still held for
 * the agent. `servedBy`: the agent of an earlier unanswered call, who turned out to hold the room.
 */
export const confirmReservation = (
  store: Store,
  env: RoomEnv,
  r: Reservation,
  served: { readonly by?: string; readonly sessionId?: string | null } = {},
): Effect.Effect<boolean, StoreUnavailable> =>
  Effect.gen(function* () {
    const ticket = yield* store.tickets.get(r.tenantId, r.ticketId, { forUpdate: true });
    if (!heldFor(ticket, r.agentId)) return false;
    const servedBy = served.by ?? r.agentId;
    const now = env.clock.now();
    if (served.sessionId != null) {
      yield* store.integrations.saveSession({ tenantId: r.tenantId, sessionId: served.sessionId, roomId: r.roomId, ticketId: r.ticketId, resolved: false });
    }
    yield* saveChange(store, confirmHold(ticket, servedBy, { now, ids: env.ids }, r.decision, r.queuedAt));
    return true;
  });

/**
 * The platform gave the room to the reservation's agent after its ticket ended here: the room's newer
 * active ticket, if it has no agent, is handed to them (they already serve it). False: nothing to adopt.
 */
export const adoptRoom = (store: Store, env: RoomEnv, r: Reservation, sessionId: string | null): Effect.Effect<boolean, StoreUnavailable> =>
  Effect.gen(function* () {
    const latest = yield* store.tickets.findLatestByExternalRef(r.tenantId, env.platform.channel, r.roomId);
    const ticket = latest === null || latest.id === r.ticketId ? null : yield* store.tickets.get(r.tenantId, latest.id, { forUpdate: true });
    if (ticket === null || !isActive(ticket) || ticket.assignedAgentId !== null) return false;
    const adopted = hold(ticket, r.agentId, { now: env.clock.now(), ids: env.ids });
    if (Result.isFailure(adopted)) return false;
    yield* saveChange(store, adopted.success);
    return yield* confirmReservation(store, env, { ...r, ticketId: ticket.id, queuedAt: ticket.queuedAt, before: firstAssignmentOf(ticket) }, { sessionId });
  });

/**
 * The platform did not take it. `requeue`: back to the queue at its old position (the call failed);
 * otherwise out of the queue, unassigned and active: the room is served outside Switchboard.
 */
export const releaseReservation = (store: Store, env: RoomEnv, r: Reservation, requeue: boolean): Effect.Effect<boolean, StoreUnavailable> =>
  Effect.gen(function* () {
    const ticket = yield* store.tickets.get(r.tenantId, r.ticketId, { forUpdate: true });
    if (!heldFor(ticket, r.agentId)) return false;
    const queuedAt = requeue ? (r.queuedAt ?? ticket.createdAt) : null;
    yield* saveChange(store, releaseHold(ticket, queuedAt, { now: env.clock.now(), ids: env.ids }, r.before));
    return true;
  });

/** The platform says the room's conversation is over: its active ticket is resolved (nothing to tell the platform back), unassigned if it was only reserved. */
export const resolveRoomTicket = (
  store: Store,
  env: RoomEnv,
  target: { readonly tenantId: string; readonly ticketId: string; readonly reserved?: Pick<Reservation, 'agentId' | 'before'> },
): Effect.Effect<boolean, StoreUnavailable> =>
  Effect.gen(function* () {
    const { tenantId } = target;
    const ticket = yield* store.tickets.get(tenantId, target.ticketId, { forUpdate: true });
    if (ticket === null || !isActive(ticket)) return false;
    const now = env.clock.now();
    const { autoAssign } = yield* tenantSettings(store, tenantId);
    const context = { now, ids: env.ids, autoAssign };
    // Only reserved for the agent (never announced): the hold goes, the resolve does not name them.
    const { reserved } = target;
    const base = reserved !== undefined && ticket.assignedAgentId === reserved.agentId ? releaseHold(ticket, ticket.queuedAt, context, reserved.before).ticket : ticket;
    const resolved = changeStatus(base, 'resolved', context, 'platform');
    if (Result.isFailure(resolved)) return false;
    yield* saveChange(store, resolved.success);
    return true;
  });
