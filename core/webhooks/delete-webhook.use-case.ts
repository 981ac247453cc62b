import { Effect } from 'effect';
import { authorize } from '../access/permissions.ts';
import type { Actor } from '../shared/actor.ts';
import type { Forbidden, NotFound, StoreUnavailable } from '../shared/errors.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { webhookOf } from './webhooks.shared.ts';

/** Removes an endpoint (admin): its pending deliveries are dropped with it. */
export class DeleteWebhookUseCase {
  readonly #uow: UnitOfWork;

  constructor(deps: { readonly uow: UnitOfWork }) {
    this.#uow = deps.uow;
  }

  execute(input: { readonly id: string }, actor: Actor): Effect.Effect<void, Forbidden | NotFound | StoreUnavailable> {
    return authorize(actor, 'webhooks.manage').pipe(
      Effect.andThen(() =>
        this.#uow.transaction((store) => webhookOf(store, actor.tenantId, input.id).pipe(Effect.andThen(() => store.webhooks.remove(actor.tenantId, input.id)))),
      ),
    );
  }
}
