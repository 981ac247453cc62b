import { Effect } from 'effect';
import { authorize } from '../access/permissions.ts';
import type { Actor } from '../shared/actor.ts';
import type { Forbidden, InvalidInput, NotFound, StoreUnavailable } from '../shared/errors.ts';
import type { DestinationPolicy } from '../shared/outbound.port.ts';
import type { Clock } from '../shared/ports.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { droppedReason } from './delivery-attempt.ts';
import type { WebhookSummary } from './webhook.ts';
import { changeWebhook, summaryOf, type WebhookChanges } from './webhook.ops.ts';
import { checkUrl, webhookOf } from './webhooks.shared.ts';

export interface UpdateWebhookDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly destinations: DestinationPolicy;
}

/** Changes an endpoint (admin). Deactivated, its pending deliveries fail and are never sent, even after a reactivation. */
export class UpdateWebhookUseCase {
  readonly #deps: UpdateWebhookDeps;

  constructor(deps: UpdateWebhookDeps) {
    this.#deps = deps;
  }

  execute(input: WebhookChanges & { readonly id: string }, actor: Actor): Effect.Effect<WebhookSummary, Forbidden | InvalidInput | NotFound | StoreUnavailable> {
    const { uow, clock, destinations } = this.#deps;
    const { id, ...changes } = input;
    return Effect.gen(function* () {
      yield* authorize(actor, 'webhooks.manage');
      if (changes.url !== undefined) yield* checkUrl(destinations, changes.url);
      return yield* uow.transaction((store) =>
        Effect.gen(function* () {
          const current = yield* webhookOf(store, actor.tenantId, id);
          const now = clock.now();
          const changed = changeWebhook(current, changes, yield* store.events.last(actor.tenantId), now);
          yield* store.webhooks.update(changed);
          if (current.active && !changed.active) yield* store.webhooks.failPending(actor.tenantId, id, droppedReason, now);
          return summaryOf(changed);
        }),
      );
    });
  }
}
