import { Effect, Result } from 'effect';
import { NotFound, type StoreUnavailable } from '../shared/errors.ts';
import { domainEvent, type AllocationDecision } from '../shared/events.ts';
import type { Clock, IdGenerator } from '../shared/ports.ts';
import type { Store } from '../shared/unit-of-work.port.ts';
import { assign } from '../tickets/ticket.ops.ts';
import { saveChange } from '../tickets/tickets.shared.ts';
import { touchAgent } from './touch-agent.ts';
import type { Ticket } from '../tickets/ticket.ts';
import { afterAssignment, chooseAgent, compareQueueOrder, isWaiting } from './allocation.policy.ts';
import { ahead, firstBlocker, passedOver, type RoomKnowledge } from './fair-queue.ts';

export interface Assignment {
  readonly ticketId: string;
  readonly agentId: string;
}

export interface BatchOutcome {
  readonly assignments: ReadonlyArray<Assignment>;
  /** The batch was used up while agents still had room: another batch may assign more. */
  readonly more: boolean;
  /** What the allocator would decide for the next waiting ticket, after this batch. */
  readonly next: AllocationDecision;
}

export interface DrainOptions {
  /** What this run learnt from the platform about waiting rooms (unknown rooms count as takeable by platform agents). */
  readonly knowledge?: RoomKnowledge;
  /** Only tickets ahead of this one in queue order (a room allocation serves older native tickets first). */
  readonly before?: Ticket;
}

/** How many waiting platform rooms a native drain weighs against (the fairness rule spans both lanes). */
const roomsWeighed = 100;

export interface AllocationEnv {
  readonly clock: Clock;
  readonly ids: IdGenerator;
}


/**
 * Assigns up to `limit` waiting native tickets of the tenant in queue order while some agent has room,
 * stopping at the first ticket that an older waiting room could still be served ahead of (`fair-queue.ts`).
 * Must run inside `UnitOfWork.exclusive(tenantId, …)`: the loads it reads stay true until it commits.
 */
export const drainBatch = (
  store: Store,
  env: AllocationEnv,
  tenantId: string,
  limit: number,
  options: DrainOptions = {},
): Effect.Effect<BatchOutcome, NotFound | StoreUnavailable> =>
  Effect.gen(function* () {
    const tenant = yield* store.tenants.get(tenantId);
    if (tenant === null) return yield* Effect.fail(new NotFound({ entity: 'tenant' }));
    const defaultCapacity = tenant.settings.maxCustomersPerAgent;
    const knowledge = options.knowledge ?? new Map();
    const { before } = options;
    let agents = yield* store.agents.all(tenantId);
    const natives = yield* store.queue.head(tenantId, limit, 'native');
    const head = before === undefined ? natives : natives.filter((t) => compareQueueOrder(t, before) < 0);
    const waitingRooms = head.length === 0 ? [] : yield* store.queue.head(tenantId, roomsWeighed, 'platform');
    // Without a platform account no room can be served, so none holds a native ticket back.
    const rooms = waitingRooms.length > 0 && (yield* store.integrations.get(tenantId)) !== null ? waitingRooms : [];
    const assignments: Array<Assignment> = [];
    let choice = chooseAgent(agents, defaultCapacity);
    let blocked = false;
    for (const queued of head) {
      const agent = choice.agent;
      if (agent === null) break;
      const older = ahead(queued, rooms);
      const blocker = firstBlocker(older, agents, defaultCapacity, knowledge);
      if (blocker !== null) {
        blocked = true;
        // Outside a room run, make sure one follows: it serves the room first, then this ticket.
        if (options.knowledge === undefined && blocker.externalRef !== null) {
          yield* store.outbox.append([
            domainEvent('room.queued', { id: env.ids.next(), tenantId, occurredAt: env.clock.now() }, { ticketId: blocker.id, roomId: blocker.externalRef }),
          ]);
        }
        break;
      }
      const ticket = yield* store.tickets.get(tenantId, queued.id, { forUpdate: true });
      if (ticket === null || !isWaiting(ticket)) continue;
      const now = env.clock.now();
      const decision = older.length === 0 ? choice.decision : { ...choice.decision, passedOver: passedOver(older) };
      const assigned = assign(ticket, agent.agentId, { now, ids: env.ids }, { by: 'allocator', decision });
      if (Result.isFailure(assigned)) continue;
      yield* saveChange(store, assigned.success);
      yield* touchAgent(store, tenantId, agent.agentId, now);
      assignments.push({ ticketId: ticket.id, agentId: agent.agentId });
      agents = agents.map((a) => (a.agentId === agent.agentId ? afterAssignment(a, now) : a));
      choice = chooseAgent(agents, defaultCapacity);
    }
    const more = !blocked && head.length === limit && assignments.length > 0 && choice.agent !== null;
    return { assignments, more, next: choice.decision };
  });
