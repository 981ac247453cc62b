import { Effect, Fiber, Result } from 'effect';
import type { ChatPlatform, ChatPlatformAccount } from '../allocation/chat-platform.port.ts';
import type { RetryableJobFailure, StoreUnavailable } from '../shared/errors.ts';
import type { Store, UnitOfWork } from '../shared/unit-of-work.port.ts';
import type { Ticket } from '../tickets/ticket.ts';
import { drainBatch } from '../allocation/drain-batch.ts';
import { couldServe, eligibilityOf, type RoomKnowledge } from '../allocation/fair-queue.ts';
import { tenantSettings } from '../tickets/tickets.shared.ts';
import { retryable, waitingRooms } from './integrations.shared.ts';
import { accountOf } from './platform-integration.ts';
import { reserveRoom, type Reservation, type RoomEnv } from './room-reservation.ts';
import { assignReserved, type RoomStep } from './room-assignment.ts';
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

/** Platform calls of one run in flight at once. */
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

/** The oldest waiting room that this run has not asked the platform about, or that an agent it listed could take now. */
const nextRoom = (store: Store, tenantId: string, knowledge: RoomKnowledge): Effect.Effect<Ticket | null, StoreUnavailable> =>
  Effect.gen(function* () {
    const rooms = yield* waitingRooms(store, tenantId);
    if (rooms.length === 0) return null;
    const agents = yield* store.agents.all(tenantId);
    const { maxCustomersPerAgent } = yield* tenantSettings(store, tenantId);
    return rooms.find((room) => !knowledge.has(room.id) || couldServe(eligibilityOf(room, knowledge), agents, maxCustomersPerAgent)) ?? null;
  });

/**
 * Allocates the tenant's waiting platform rooms in queue order, obeying the fairness rule of
 * `fair-queue.ts` across both lanes: per room, ask the platform who may take it, reserve in our store
 * (exclusive section; older native tickets are served there first, an older room that could now be
 * served is taken next instead), call the platform outside any transaction, then confirm or release.
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
    const { uow } = deps;
    const { tenantId } = input;
    const perRun = deps.roomsPerRun ?? 50;
    const mirrors: MirrorCache = new Map();
    const reserveNext = (account: ChatPlatformAccount, ticket: Ticket, knowledge: Map<string, ReadonlySet<string>>) =>
      this.#reserveRoom(account, ticket, knowledge, mirrors);
    return Effect.gen(function* () {
      const integration = yield* uow.read((store) => store.integrations.get(tenantId));
      if (integration === null) return { examined: 0, assigned: 0 };
      const account = accountOf(integration);
      const knowledge = new Map<string, ReadonlySet<string>>();
      let examined = 0;
      let assigned = 0;
      const failed: { current: RetryableJobFailure | null } = { current: null };
      // Reservations are made one by one in queue order; their platform calls run side by side (a few at once).
      const calls: Array<Fiber.Fiber<RoomStep, RetryableJobFailure | StoreUnavailable>> = [];
      const tally = (step: Result.Result<RoomStep, RetryableJobFailure | StoreUnavailable>): Effect.Effect<void, StoreUnavailable> => {
        if (Result.isSuccess(step)) {
          if (step.success === 'assigned') assigned += 1;
          return Effect.void;
        }
        if (step.failure._tag === 'StoreUnavailable') return Effect.fail(step.failure);
        failed.current = step.failure;
        return Effect.void;
      };
      const settleOldest: Effect.Effect<void, StoreUnavailable> = Effect.suspend(() => {
        const oldest = calls.shift();
        return oldest === undefined ? Effect.void : Effect.flatMap(Effect.result(Fiber.join(oldest)), tally);
      });
      while (examined < perRun && failed.current === null) {
        const next = yield* uow.read((store) => nextRoom(store, tenantId, knowledge));
        if (next === null) {
          // No room waits: nothing will ask the platform for fresh loads, so its last figures must not hold agents full.
          if (examined === 0 && (yield* uow.read((store) => heldByPlatformLoads(store, tenantId)))) {
            yield* uow.transaction((store) => forgetPlatformLoads(store, tenantId));
          }
          break;
        }
        examined += 1;
        const step = yield* Effect.result(reserveNext(account, next, knowledge));
        if (Result.isSuccess(step) && typeof step.success === 'object') {
          calls.push(yield* Effect.forkChild(assignReserved(deps, account, step.success.reserved)));
          if (calls.length >= callsAtOnce) yield* settleOldest;
        } else yield* tally(step as Result.Result<RoomStep, RetryableJobFailure | StoreUnavailable>);
        // A room that waits may be waiting for a place a call in flight will give back.
        if (Result.isSuccess(step) && step.success === 'waiting') while (calls.length > 0) yield* settleOldest;
      }
      while (calls.length > 0) yield* settleOldest;
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
      if (failed.current !== null) return yield* Effect.fail(failed.current);
      return { examined, assigned };
    }).pipe(Effect.catchTag('NotFound', () => Effect.succeed({ examined: 0, assigned: 0 })));
  }

  /** Asks who may take the room and reserves it; a reservation's platform call is the caller's to make. */
  #reserveRoom(
    account: ChatPlatformAccount,
    ticket: Ticket,
    knowledge: Map<string, ReadonlySet<string>>,
    mirrors: MirrorCache,
  ): Effect.Effect<RoomStep | { readonly reserved: Reservation }, RetryableJobFailure | StoreUnavailable> {
    const deps = this.#deps;
    const { uow, platform } = deps;
    const { tenantId } = ticket;
    const roomId = ticket.externalRef ?? '';
    return Effect.gen(function* () {
      const eligible = yield* Effect.result(platform.eligibleAgents(account, roomId));
      if (Result.isFailure(eligible)) {
        // Nobody can be assigned to a room the platform refuses to talk about.
        knowledge.set(ticket.id, new Set());
        if (eligible.failure._tag === 'ChatPlatformRequestRejected') return 'skipped';
        return yield* Effect.fail(retryable(eligible.failure));
      }
      const target = { tenantId, ticketId: ticket.id };
      const reserved = yield* uow.exclusive(tenantId, (store) => reserveRoom(store, deps, target, eligible.success, knowledge, mirrors));
      if (reserved._tag !== 'NotWaiting') knowledge.set(ticket.id, new Set(reserved.eligibleIds));
      if (reserved._tag === 'Blocked') return 'blocked';
      if (reserved._tag !== 'Reserved') return 'waiting';
      return { reserved: reserved.reservation };
    });
  }
}
