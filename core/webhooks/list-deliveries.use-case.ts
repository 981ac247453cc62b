import { Effect } from 'effect';
import { authorize } from '../access/permissions.ts';
import type { Actor } from '../shared/actor.ts';
import type { Forbidden, NotFound, StoreUnavailable } from '../shared/errors.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import type { WebhookDelivery } from './webhook.ts';
import { webhookOf } from './webhooks.shared.ts';

/** An endpoint's delivery log, newest first (admin). */
export class ListDeliveriesUseCase {
  readonly #uow: UnitOfWork;

  constructor(deps: { readonly uow: UnitOfWork }) {
    this.#uow = deps.uow;
  }

  execute(input: { readonly webhookId: string; readonly page: PageRequest }, actor: Actor): Effect.Effect<Page<WebhookDelivery>, Forbidden | NotFound | StoreUnavailable> {
    return authorize(actor, 'webhooks.manage').pipe(
      Effect.andThen(() =>
        this.#uow.read((store) =>
          webhookOf(store, actor.tenantId, input.webhookId).pipe(Effect.andThen(() => store.webhooks.deliveries(actor.tenantId, input.webhookId, input.page))),
        ),
      ),
    );
  }
}
