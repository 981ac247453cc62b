import { Effect } from 'effect';
import type { StoreUnavailable } from '../shared/errors.ts';
import type { TenantDirectory } from '../tenancy/tenant-directory.port.ts';
import { recordSlaBreaches } from './ticket.ops.ts';
import { saveChange, type TicketsDeps } from './tickets.shared.ts';

export interface SweepSlaReport {
  readonly tenants: number;
  readonly breaches: number;
}

/** Tickets looked at per tenant and sweep; the next sweep takes the rest. */
const batch = 500;

/**
 * Records the breach of every running SLA target whose due time has passed and announces each once
 * (`sla.breached`): the ticket is re-read under its row lock, so concurrent sweeps never double an event.
 */
export class SweepSlaUseCase {
  readonly #deps: TicketsDeps & { readonly directory: TenantDirectory };

  constructor(deps: TicketsDeps & { readonly directory: TenantDirectory }) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(): Effect.Effect<SweepSlaReport, StoreUnavailable> {
    const { uow, clock, ids, directory } = this.#deps;
    return Effect.gen(function* () {
      const now = clock.now();
      const tenants = yield* directory.withSlaDue(now);
      let breaches = 0;
      for (const tenantId of tenants) {
        const due = yield* uow.read((store) => store.tickets.slaDue(tenantId, now, batch));
        for (const ticketId of due) {
          breaches += yield* uow.transaction((store) =>
            Effect.gen(function* () {
              const ticket = yield* store.tickets.get(tenantId, ticketId, { forUpdate: true });
              if (ticket === null) return 0;
              const swept = recordSlaBreaches(ticket, { now, ids });
              if (swept.ticket === ticket) return 0;
              yield* saveChange(store, swept);
              return swept.events.length;
            }),
          );
        }
      }
      return { tenants: tenants.length, breaches };
    });
  }
}
