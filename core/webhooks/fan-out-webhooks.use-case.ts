import { Effect } from 'effect';
import type { StoreUnavailable } from '../shared/errors.ts';
import type { Clock, IdGenerator } from '../shared/ports.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import type { WebhookDelivery } from './webhook.ts';
import { deliveryOf, subscribesTo } from './webhook.ops.ts';

export interface FanOutDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Events read per transaction (default 200). */
  readonly batchSize?: number;
}

/**
 * Turns the tenant's logged events into pending deliveries for each active endpoint subscribed to them,
 * from the endpoint's cursor on, in position order. Fan-outs of a tenant run one at a time (the endpoints'
 * rows are locked), so an event's delivery always exists before a later event's of the same ticket.
 * Idempotent; returns how many deliveries it added.
 */
export class FanOutWebhooksUseCase {
  readonly #deps: FanOutDeps;

  constructor(deps: FanOutDeps) {
    this.#deps = deps;
  }

  execute(tenantId: string): Effect.Effect<number, StoreUnavailable> {
    const { uow } = this.#deps;
    const batch = this.#deps.batchSize ?? 200;
    const round = this.#round.bind(this);
    return Effect.gen(function* () {
      let added = 0;
      while (yield* uow.read((store) => store.webhooks.behind(tenantId))) {
        const result = yield* round(tenantId, batch);
        added += result.added;
        if (!result.more) break;
      }
      return added;
    });
  }

  #round(tenantId: string, batch: number): Effect.Effect<{ readonly added: number; readonly more: boolean }, StoreUnavailable> {
    const { uow, clock, ids } = this.#deps;
    return uow.transaction((store) =>
      Effect.gen(function* () {
        const webhooks = yield* store.webhooks.lockActive(tenantId);
        if (webhooks.length === 0) return { added: 0, more: false };
        const from = Math.min(...webhooks.map((w) => w.cursor));
        // Read before the events: every position up to `last` has committed, so one not found after the
        // cursors was pruned. Read after them, it could name an event committed meanwhile and skip it.
        const last = yield* store.events.last(tenantId);
        const events = yield* store.events.after(tenantId, from, batch);
        const now = clock.now();
        const deliveries: WebhookDelivery[] = [];
        for (const event of events) {
          for (const w of webhooks) if (event.position > w.cursor && subscribesTo(w, event.type)) deliveries.push(deliveryOf(w, event, ids.next(), now));
        }
        yield* store.webhooks.addDeliveries(deliveries);
        // No event after the cursors (they were pruned): the endpoints are caught up to the tenant's last position.
        const reached = events[events.length - 1]?.position ?? last;
        const moved = webhooks.filter((w) => w.cursor < reached).map((w) => w.id);
        if (moved.length > 0) yield* store.webhooks.advance(tenantId, moved, reached);
        return { added: deliveries.length, more: events.length === batch };
      }),
    );
  }
}
