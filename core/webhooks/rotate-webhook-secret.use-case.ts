import { Effect } from 'effect';
import { authorize } from '../access/permissions.ts';
import type { SecretGenerator } from '../channels/secret.port.ts';
import type { Actor } from '../shared/actor.ts';
import type { Forbidden, NotFound, StoreUnavailable } from '../shared/errors.ts';
import type { Clock } from '../shared/ports.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import type { Webhook } from './webhook.ts';
import { rotateSecret } from './webhook.ops.ts';
import { webhookOf } from './webhooks.shared.ts';

/** Gives an endpoint a new secret, returned here only (admin); for 24 hours deliveries carry both signatures. */
export class RotateWebhookSecretUseCase {
  readonly #deps: { readonly uow: UnitOfWork; readonly clock: Clock; readonly secrets: SecretGenerator };

  constructor(deps: { readonly uow: UnitOfWork; readonly clock: Clock; readonly secrets: SecretGenerator }) {
    this.#deps = deps;
  }

  execute(input: { readonly id: string }, actor: Actor): Effect.Effect<Webhook, Forbidden | NotFound | StoreUnavailable> {
    const { uow, clock, secrets } = this.#deps;
    return authorize(actor, 'webhooks.manage').pipe(
      Effect.andThen(() =>
        uow.transaction((store) =>
          Effect.gen(function* () {
            const rotated = rotateSecret(yield* webhookOf(store, actor.tenantId, input.id), secrets.next(), clock.now());
            yield* store.webhooks.update(rotated);
            return rotated;
          }),
        ),
      ),
    );
  }
}
