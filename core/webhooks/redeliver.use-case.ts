import { Effect } from 'effect';
import { authorize } from '../access/permissions.ts';
import type { Actor } from '../shared/actor.ts';
import { NotFound, type Forbidden, type StoreUnavailable } from '../shared/errors.ts';
import { domainEvent } from '../shared/events.ts';
import type { Clock, IdGenerator } from '../shared/ports.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { redelivered } from './delivery-attempt.ts';
import type { WebhookDelivery } from './webhook.ts';
import { WebhookInactive } from './webhooks.errors.ts';
import { webhookOf } from './webhooks.shared.ts';

export interface RedeliverInput {
  readonly webhookId: string;
  readonly deliveryId: string;
}

export interface RedeliverDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/**
 * Queues one more attempt of a delivery now, still behind an undelivered earlier event of its ticket
 * (admin); its `webhook.redelivery_requested` wakes the dispatcher, so the attempt does not wait for the sweep.
 */
export class RedeliverUseCase {
  readonly #deps: RedeliverDeps;

  constructor(deps: RedeliverDeps) {
    this.#deps = deps;
  }

  execute(input: RedeliverInput, actor: Actor): Effect.Effect<WebhookDelivery, Forbidden | NotFound | WebhookInactive | StoreUnavailable> {
    const { uow, clock, ids } = this.#deps;
    return authorize(actor, 'webhooks.manage').pipe(
      Effect.andThen(() =>
        uow.transaction((store) =>
          Effect.gen(function* () {
            const webhook = yield* webhookOf(store, actor.tenantId, input.webhookId);
            const delivery = yield* store.webhooks.delivery(actor.tenantId, webhook.id, input.deliveryId);
            if (delivery === null) return yield* new NotFound({ entity: 'delivery' });
            if (!webhook.active) return yield* new WebhookInactive();
            const now = clock.now();
            const queued = redelivered(delivery, now);
            yield* store.webhooks.reschedule(queued);
            yield* store.outbox.append([domainEvent('webhook.redelivery_requested', { id: ids.next(), tenantId: actor.tenantId, occurredAt: now }, { webhookId: webhook.id, deliveryId: delivery.id })]);
            return queued;
          }),
        ),
      ),
    );
  }
}
