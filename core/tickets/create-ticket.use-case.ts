import { Effect } from 'effect';
import { authorize } from '../access/permissions.ts';
import type { Actor } from '../shared/actor.ts';
import { type Forbidden, InvalidInput, type StoreUnavailable } from '../shared/errors.ts';
import type { Ticket, TicketPriority } from './ticket.ts';
import { createTicket } from './ticket.ops.ts';
import { duplicateIsDefect, insertChange, tenantSettings, type TicketsDeps } from './tickets.shared.ts';

export interface CreateTicketInput {
  readonly title: string;
  readonly description?: string | null;
  readonly priority?: TicketPriority;
  readonly customerId: string;
  /** Defaults to the tenant's auto_assign setting. */
  readonly autoAssign?: boolean;
}

/** Opens an `api` ticket for a customer of the tenant (admin only); queued for the allocator when auto-assigned. */
export class CreateTicketUseCase {
  readonly #deps: TicketsDeps;

  constructor(deps: TicketsDeps) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(input: CreateTicketInput, actor: Actor): Effect.Effect<Ticket, Forbidden | InvalidInput | StoreUnavailable> {
    const { uow, clock, ids } = this.#deps;
    const tenantId = actor.tenantId;
    return Effect.gen(function* () {
      yield* authorize(actor, 'tickets.create');
      return yield* uow.transaction((store) =>
        Effect.gen(function* () {
          const now = clock.now();
          const settings = yield* tenantSettings(store, tenantId);
          const autoAssign = input.autoAssign ?? settings.autoAssign;
          const change = yield* Effect.fromResult(
            createTicket({ ...input, id: ids.next(), tenantId, channel: 'api', autoAssign, slaSettings: settings, now }, ids),
          );
          const customer = yield* store.customers.get(tenantId, input.customerId);
          if (customer === null || customer.tenantId !== tenantId) {
            return yield* Effect.fail(new InvalidInput({ path: 'customer_id', message: 'no such customer' }));
          }
          return yield* duplicateIsDefect(insertChange(store, change));
        }),
      );
    });
  }
}
