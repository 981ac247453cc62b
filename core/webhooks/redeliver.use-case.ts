import { Effect } from 'effect';
import { authorize } from '../access/permissions.ts';
import type { Actor } from '../shared/actor.ts';
import { NotFound, type Forbidden, type StoreUnavailable } from '../shared/errors.ts';
import type { Clock } from '../shared/ports.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { redelivered } from './delivery-attempt.ts';
import type { WebhookDelivery } from './webhook.ts';
import { WebhookInactive } from './webhooks.errors.ts';
import { webhookOf } from './webhooks.shared.ts';

export interface RedeliverInput {
  readonly webhookId: string;
  readonly deliveryId: string;
}

/** Queues one more attempt of a delivery now, still behind an undelivered earlier event of its ticket (admin). */
export class RedeliverUseCase {
  readonly #deps: { readonly uow: UnitOfWork; readonly clock: Clock };

  constructor(deps: { readonly uow: UnitOfWork; readonly clock: Clock }) {
    this.#deps = deps;
  }

  execute(input: RedeliverInput, actor: Actor): Effect.Effect<WebhookDelivery, Forbidden | NotFound | WebhookInactive | StoreUnavailable> {
    const { uow, clock } = this.#deps;
    return authorize(actor, 'webhooks.manage').pipe(
      Effect.andThen(() =>
        uow.transaction((store) =>
          Effect.gen(function* () {
            const webhook = yield* webhookOf(store, actor.tenantId, input.webhookId);
            const delivery = yield* store.webhooks.delivery(actor.tenantId, webhook.id, input.deliveryId);
            if (delivery === null) return yield* new NotFound({ entity: 'delivery' });
            if (!webhook.active) return yield* new WebhookInactive();
            const queued = redelivered(delivery, clock.now());
            yield* store.webhooks.reschedule(queued);
            return queued;
          }),
        ),
      ),
    );
  }
}
