import { Effect, Result } from 'effect';
import type { ChatPlatform, ChatPlatformFailure, PlatformAgent } from '../allocation/chat-platform.port.ts';
import type { RetryableJobFailure, StoreUnavailable } from '../shared/errors.ts';
import type { Store, UnitOfWork } from '../shared/unit-of-work.port.ts';
import type { Ticket } from '../tickets/ticket.ts';
import { capacityOf, loadOf } from '../allocation/allocation.policy.ts';
import { drainBatch } from '../allocation/drain-batch.ts';
import { couldServe, eligibilityOf, type RoomKnowledge } from '../allocation/fair-queue.ts';
import { tenantSettings } from '../tickets/tickets.shared.ts';
import { retryable, waitingRooms } from './integrations.shared.ts';
import { accountOf } from './platform-integration.ts';
import { reserveRooms, type Reservation, type RoomEnv, type RoomToReserve } from './room-reservation.ts';
import { askToAssign, freeIfAsked, settleAnswer, type AssignAnswer } from './room-assignment.ts';
import type { MirrorCache } from './platform-agents.ts';

export interface AllocateRoomsInput {
  readonly tenantId: string;
}

export type { RoomStep } from './room-assignment.ts';

export interface AllocateRoomsResult {
  readonly examined: number;
  readonly assigned: number;
}

export interface AllocateRoomsDeps extends RoomEnv {
  readonly uow: UnitOfWork;
  readonly platform: ChatPlatform;
  /** Most rooms looked at per run (each costs platform calls); default 50. */
  readonly roomsPerRun?: number;
}

/** Rounds of the native drain a run ends with; the sweep picks up the rest. */
const nativeRounds = 20;

/** Rooms reserved in one exclusive section (their listings asked for side by side just before). */
const roomsPerBatch = 25;

/** Platform calls of one batch in flight at once. */
const callsAtOnce = 8;

const heldByPlatformLoads = (store: Store, tenantId: string): Effect.Effect<boolean, StoreUnavailable> =>
  Effect.map(store.agents.all(tenantId), (agents) => agents.some((a) => a.reportedLoad !== null && a.reportedLoad > a.activeTickets));

/** Drops what the platform last counted beyond our own tickets (the next room it is asked about reports afresh). */
const forgetPlatformLoads = (store: Store, tenantId: string): Effect.Effect<void, StoreUnavailable> =>
  Effect.gen(function* () {
    for (const agent of yield* store.agents.all(tenantId)) {
      if (agent.reportedLoad !== null && agent.reportedLoad > agent.activeTickets) yield* store.agents.reportLoad(tenantId, agent.agentId, 0);
    }
  });

/**
 * The oldest waiting rooms that this run has not asked the platform about, or that an agent it listed
 * could take now: at most `count`, and no more than the places free in our store (at least one: the
 * platform may list agents we do not know yet). Rooms beyond the free places would only be asked about
 * early, with figures that are stale by the time a place frees.
 */
const nextRooms = (store: Store, tenantId: string, knowledge: RoomKnowledge, count: number): Effect.Effect<ReadonlyArray<Ticket>, StoreUnavailable> =>
  Effect.gen(function* () {
    const rooms = yield* waitingRooms(store, tenantId);
    if (rooms.length === 0) return [];
    const agents = yield* store.agents.all(tenantId);
    const { maxCustomersPerAgent } = yield* tenantSettings(store, tenantId);
    const free = agents.reduce((sum, agent) => sum + Math.max(0, capacityOf(agent, maxCustomersPerAgent) - loadOf(agent)), 0);
    const open = rooms.filter((room) => !knowledge.has(room.id) || couldServe(eligibilityOf(room, knowledge), agents, maxCustomersPerAgent));
    return open.slice(0, Math.max(1, Math.min(count, free)));
  });

type Listing = Result.Result<ReadonlyArray<PlatformAgent>, ChatPlatformFailure>;

/** What one exclusive section reserved: rooms looked at (in queue order), the reservations to call for, and a failure that ends the run. */
interface BatchReserved {
  readonly examined: number;
  readonly reservations: ReadonlyArray<Reservation>;
  readonly failure: RetryableJobFailure | null;
}

/**
 * Allocates the tenant's waiting platform rooms in queue order, obeying the fairness rule of
 * `fair-queue.ts` across both lanes, a batch of the oldest rooms at a time: ask the platform who may
 * take each room (side by side), reserve them in our store one after the other in queue order in one
 * exclusive section (older native tickets are served there first; a room that comes back `Blocked`
 * ends the batch, the next one starts with its blocker), call the platform for every reservation
 * outside any transaction (a few at once), then settle every answer in one exclusive section. No call
 * is in flight while a batch reserves, so a place a failed call gives back goes to the oldest room.
 * The run ends with a native drain that knows what the platform said, so native tickets behind rooms
 * nobody can take are not held up. A platform failure releases the room at its old place and fails retryably.
 */
export class AllocateRoomsUseCase {
  readonly #deps: AllocateRoomsDeps;

  constructor(deps: AllocateRoomsDeps) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(input: AllocateRoomsInput): Effect.Effect<AllocateRoomsResult, RetryableJobFailure | StoreUnavailable> {
    const deps = this.#deps;
    const { uow, platform } = deps;
    const { tenantId } = input;
    const perRun = deps.roomsPerRun ?? 50;
    const mirrors: MirrorCache = new Map();
    const knowledge = new Map<string, ReadonlySet<string>>();
    const reserveBatch = (rooms: ReadonlyArray<Ticket>, listings: ReadonlyArray<Listing>) =>
      uow.exclusive(tenantId, (store) => this.#reserveBatch(store, rooms, listings, knowledge, mirrors));
    return Effect.gen(function* () {
      const integration = yield* uow.read((store) => store.integrations.get(tenantId));
      if (integration === null) return { examined: 0, assigned: 0 };
      const account = accountOf(integration);
      let examined = 0;
      let assigned = 0;
      let failure: RetryableJobFailure | null = null;
      while (examined < perRun && failure === null) {
        const rooms = yield* uow.read((store) => nextRooms(store, tenantId, knowledge, Math.min(roomsPerBatch, perRun - examined)));
        if (rooms.length === 0) {
          // No room waits: nothing will ask the platform for fresh loads, so its last figures must not hold agents full.
          if (examined === 0 && (yield* uow.read((store) => heldByPlatformLoads(store, tenantId)))) {
            yield* uow.transaction((store) => forgetPlatformLoads(store, tenantId));
          }
          break;
        }
        const listings = yield* Effect.forEach(rooms, (room) => Effect.result(platform.eligibleAgents(account, room.externalRef ?? '')), { concurrency: callsAtOnce });
        const batch = yield* reserveBatch(rooms, listings);
        examined += batch.examined;
        failure = batch.failure;
        if (batch.reservations.length === 0) continue;
        const answers = yield* Effect.forEach(batch.reservations, (r) => askToAssign(platform, account, r), { concurrency: callsAtOnce });
        const settled = yield* uow.exclusive(tenantId, (store) => Effect.forEach(batch.reservations, (r, i) => settleAnswer(store, deps, r, answers[i] as AssignAnswer)));
        for (const [i, s] of settled.entries()) {
          if (s.step === 'assigned') assigned += 1;
          failure ??= s.failure;
          const freed = yield* Effect.result(freeIfAsked(platform, account, batch.reservations[i] as Reservation, s));
          if (Result.isFailure(freed)) failure ??= freed.failure;
        }
      }
      if (examined > 0) {
        // Rooms this run did not ask about: assume the agents the platform listed for the rooms it was asked
        // about (a platform's agents are usually shared by its rooms); none when it could not be asked at all.
        const listed = new Set([...knowledge.values()].flatMap((ids) => [...ids]));
        const rooms = yield* uow.read((store) => waitingRooms(store, tenantId));
        for (const room of rooms) if (!knowledge.has(room.id)) knowledge.set(room.id, listed);
        for (let round = 0; round < nativeRounds; round++) {
          const batch = yield* uow.exclusive(tenantId, (store) => drainBatch(store, deps, tenantId, 50, { knowledge }));
          if (!batch.more) break;
        }
      }
      if (failure !== null) return yield* Effect.fail(failure);
      return { examined, assigned };
    }).pipe(Effect.catchTag('NotFound', () => Effect.succeed({ examined: 0, assigned: 0 })));
  }

  /** Reserves the rooms in queue order with what the platform listed for each; stops at a room that is blocked or could not be asked about. */
  #reserveBatch(
    store: Store,
    rooms: ReadonlyArray<Ticket>,
    listings: ReadonlyArray<Listing>,
    knowledge: Map<string, ReadonlySet<string>>,
    mirrors: MirrorCache,
  ): Effect.Effect<BatchReserved, StoreUnavailable> {
    const deps = this.#deps;
    return Effect.gen(function* () {
      const listed: Array<RoomToReserve> = [];
      let failure: RetryableJobFailure | null = null;
      let looked = rooms.length;
      for (const [i, ticket] of rooms.entries()) {
        const eligible = listings[i] as Listing;
        if (Result.isSuccess(eligible)) {
          listed.push({ ticketId: ticket.id, eligible: eligible.success });
          continue;
        }
        // Nobody can be assigned to a room the platform refuses to talk about; a failed listing ends the batch there.
        knowledge.set(ticket.id, new Set());
        if (eligible.failure._tag === 'ChatPlatformRequestRejected') continue;
        failure = retryable(eligible.failure);
        looked = i + 1;
        break;
      }
      const tenantId = rooms[0]?.tenantId ?? '';
      const outcomes = yield* reserveRooms(store, deps, tenantId, listed, knowledge, mirrors);
      const reservations = outcomes.flatMap((o) => (o._tag === 'Reserved' ? [o.reservation] : []));
      const blocked = outcomes.at(-1)?._tag === 'Blocked';
      // A blocked room ends the batch: the rooms after it were not looked at.
      const examined = blocked ? rooms.findIndex((t) => t.id === listed[outcomes.length - 1]?.ticketId) + 1 : looked;
      return { examined, reservations, failure };
    });
  }
}
