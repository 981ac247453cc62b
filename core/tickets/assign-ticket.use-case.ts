import { Effect } from 'effect';
import { authorize } from '../access/permissions.ts';
import type { User } from '../access/user.ts';
import type { Actor } from '../shared/actor.ts';
import { type Forbidden, InvalidInput, type NotFound, type StoreUnavailable } from '../shared/errors.ts';
import type { Store } from '../shared/unit-of-work.port.ts';
import type { Ticket } from './ticket.ts';
import { assign, unassign } from './ticket.ops.ts';
import type { TicketClosed } from './tickets.errors.ts';
import { duplicateIsDefect, findTicket, saveChange, tenantSettings, type TicketsDeps } from './tickets.shared.ts';

export interface AssignTicketInput {
  readonly ticketId: string;
  /** null unassigns. */
  readonly agentId: string | null;
}

/** Only an active agent of the ticket's own tenant can be handed a ticket. */
export const isAssignableAgent = (user: User | null, tenantId: string): user is User =>
  user !== null && user.tenantId === tenantId && user.active && user.role === 'agent';

const findAgent = (store: Store, tenantId: string, agentId: string): Effect.Effect<User, InvalidInput | StoreUnavailable> =>
  Effect.flatMap(store.users.get(tenantId, agentId), (user) =>
    isAssignableAgent(user, tenantId)
      ? Effect.succeed(user)
      : Effect.fail(new InvalidInput({ path: 'agent_id', message: 'must be an active agent of this tenant' })),
  );

/**
 * Manual (un)assignment by an admin; it may exceed the agent's capacity, unlike the allocator.
 * Runs in the tenant's exclusive section so the allocator never decides on loads this changes.
 */
export class AssignTicketUseCase {
  readonly #deps: TicketsDeps;

  constructor(deps: TicketsDeps) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(
    input: AssignTicketInput,
    actor: Actor,
  ): Effect.Effect<Ticket, Forbidden | NotFound | InvalidInput | TicketClosed | StoreUnavailable> {
    const { uow, clock, ids } = this.#deps;
    const tenantId = actor.tenantId;
    return Effect.gen(function* () {
      yield* authorize(actor, 'tickets.assign');
      return yield* uow.exclusive(tenantId, (store) =>
        Effect.gen(function* () {
          // The agent is part of the request: a 422 for it comes before the ticket's 404.
          const agent = input.agentId === null ? null : yield* findAgent(store, tenantId, input.agentId);
          const ticket = yield* findTicket(store, tenantId, input.ticketId, { forUpdate: true });
          const now = clock.now();
          if (agent === null) {
            const { autoAssign } = yield* tenantSettings(store, tenantId);
            const change = yield* Effect.fromResult(unassign(ticket, { now, ids, autoAssign }));
            return change.ticket === ticket ? ticket : yield* saveChange(store, change);
          }
          const change = yield* Effect.fromResult(assign(ticket, agent.id, { now, ids }, { by: 'staff' }));
          if (change.ticket === ticket) return ticket;
          yield* duplicateIsDefect(store.users.update({ ...agent, lastAssignedAt: now }));
          return yield* saveChange(store, change);
        }),
      );
    });
  }
}
