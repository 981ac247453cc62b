import { Effect } from 'effect';
import { authorize } from '../access/permissions.ts';
import type { SecretGenerator } from '../channels/secret.port.ts';
import type { Actor } from '../shared/actor.ts';
import type { Forbidden, InvalidInput, StoreUnavailable } from '../shared/errors.ts';
import type { DestinationPolicy } from '../shared/outbound.port.ts';
import type { Clock, IdGenerator } from '../shared/ports.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import type { Webhook, WebhookEventFilter } from './webhook.ts';
import { createWebhook } from './webhook.ops.ts';
import { checkUrl } from './webhooks.shared.ts';

export interface WebhookDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** The signing secrets (`whsec_…`). */
  readonly secrets: SecretGenerator;
  /** The outbound URL rule. */
  readonly destinations: DestinationPolicy;
}

export interface CreateWebhookInput {
  readonly url: string;
  readonly events: ReadonlyArray<WebhookEventFilter>;
  readonly description?: string | null;
}

/** Subscribes an endpoint to the tenant's events from now on (admin); the only time but rotation its secret is returned. */
export class CreateWebhookUseCase {
  readonly #deps: WebhookDeps;

  constructor(deps: WebhookDeps) {
    this.#deps = deps;
  }

  execute(input: CreateWebhookInput, actor: Actor): Effect.Effect<Webhook, Forbidden | InvalidInput | StoreUnavailable> {
    const { uow, clock, ids, secrets, destinations } = this.#deps;
    return Effect.gen(function* () {
      yield* authorize(actor, 'webhooks.manage');
      yield* checkUrl(destinations, input.url);
      return yield* uow.transaction((store) =>
        Effect.gen(function* () {
          const cursor = yield* store.events.last(actor.tenantId);
          const webhook = createWebhook({
            id: ids.next(),
            tenantId: actor.tenantId,
            url: input.url,
            events: input.events,
            description: input.description ?? null,
            secret: secrets.next(),
            cursor,
            now: clock.now(),
          });
          yield* store.webhooks.insert(webhook);
          return webhook;
        }),
      );
    });
  }
}
