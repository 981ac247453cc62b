import { Effect } from 'effect';
import { authorize, mayActOn } from '../access/permissions.ts';
import type { Actor } from '../shared/actor.ts';
import { Forbidden, type NotFound, type StoreUnavailable } from '../shared/errors.ts';
import type { Ticket, TicketStatus } from './ticket.ts';
import { changeStatus } from './ticket.ops.ts';
import type { InvalidTransition } from './tickets.errors.ts';
import { findTicket, saveChange, tenantSettings, type TicketsDeps } from './tickets.shared.ts';

export interface ChangeTicketStatusInput {
  readonly ticketId: string;
  readonly status: TicketStatus;
}

/**
 * Moves a ticket along the transition table: admins on any ticket, agents only on their own (checked after the 404).
 * Runs in the tenant's exclusive section: a reopen adds load, and the allocator must see it.
 */
export class ChangeTicketStatusUseCase {
  readonly #deps: TicketsDeps;

  constructor(deps: TicketsDeps) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(
    input: ChangeTicketStatusInput,
    actor: Actor,
  ): Effect.Effect<Ticket, Forbidden | NotFound | InvalidTransition | StoreUnavailable> {
    const { uow, clock, ids } = this.#deps;
    const tenantId = actor.tenantId;
    return Effect.gen(function* () {
      yield* authorize(actor, 'tickets.change_status');
      return yield* uow.exclusive(tenantId, (store) =>
        Effect.gen(function* () {
          const ticket = yield* findTicket(store, tenantId, input.ticketId, { forUpdate: true });
          if (!mayActOn(actor, 'tickets.change_status', ticket)) {
            return yield* Effect.fail(new Forbidden({ action: 'tickets.change_status' }));
          }
          const now = clock.now();
          const { autoAssign } = yield* tenantSettings(store, tenantId);
          const change = yield* Effect.fromResult(changeStatus(ticket, input.status, { now, ids, autoAssign }));
          return change.ticket === ticket ? ticket : yield* saveChange(store, change);
        }),
      );
    });
  }
}
