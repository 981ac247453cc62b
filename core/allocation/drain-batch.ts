import { Effect, Result } from 'effect';
import { NotFound, type StoreUnavailable } from '../shared/errors.ts';
import { domainEvent, type AllocationDecision } from '../shared/events.ts';
import type { Clock, IdGenerator } from '../shared/ports.ts';
import type { Store } from '../shared/unit-of-work.port.ts';
import { assign } from '../tickets/ticket.ops.ts';
import { afterAssignment, chooseAgent, isWaiting } from './allocation.policy.ts';

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

export interface AllocationEnv {
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

const touchAgent = (store: Store, tenantId: string, agentId: string, now: Date): Effect.Effect<void, StoreUnavailable> =>
  Effect.gen(function* () {
    const user = yield* store.users.get(tenantId, agentId);
    if (user === null) return;
    yield* store.users.update({ ...user, lastAssignedAt: now }).pipe(Effect.catchTag('DuplicateKey', (e) => Effect.die(e)));
  });

/**
 * Assigns up to `limit` waiting tickets of the tenant in queue order while some agent has room.
 * Must run inside `UnitOfWork.exclusive(tenantId, …)`: the loads it reads stay true until it commits.
 */
export const drainBatch = (
  store: Store,
  env: AllocationEnv,
  tenantId: string,
  limit: number,
): Effect.Effect<BatchOutcome, NotFound | StoreUnavailable> =>
  Effect.gen(function* () {
    const tenant = yield* store.tenants.get(tenantId);
    if (tenant === null) return yield* Effect.fail(new NotFound({ entity: 'tenant' }));
    const defaultCapacity = tenant.settings.maxCustomersPerAgent;
    let agents = yield* store.agents.all(tenantId);
    const head = yield* store.queue.head(tenantId, limit, 'native');
    const assignments: Array<Assignment> = [];
    let choice = chooseAgent(agents, defaultCapacity);
    for (const queued of head) {
      const agent = choice.agent;
      if (agent === null) break;
      const ticket = yield* store.tickets.get(tenantId, queued.id, { forUpdate: true });
      if (ticket === null || !isWaiting(ticket)) continue;
      const now = env.clock.now();
      const updated = assign(ticket, agent.agentId, now);
      if (Result.isFailure(updated)) continue;
      yield* store.tickets.update(updated.success);
      yield* touchAgent(store, tenantId, agent.agentId, now);
      yield* store.outbox.append([
        domainEvent('ticket.assigned', { id: env.ids.next(), tenantId, occurredAt: now }, {
          ticketId: ticket.id,
          agentId: agent.agentId,
          previousAgentId: null,
          by: 'allocator',
          decision: choice.decision,
        }),
      ]);
      assignments.push({ ticketId: ticket.id, agentId: agent.agentId });
      agents = agents.map((a) => (a.agentId === agent.agentId ? afterAssignment(a, now) : a));
      choice = chooseAgent(agents, defaultCapacity);
    }
    return { assignments, more: head.length === limit && assignments.length > 0 && choice.agent !== null, next: choice.decision };
  });
