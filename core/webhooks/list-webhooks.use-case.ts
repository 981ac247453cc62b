import { Effect } from 'effect';
import { authorize } from '../access/permissions.ts';
import type { Actor } from '../shared/actor.ts';
import type { Forbidden, StoreUnavailable } from '../shared/errors.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import type { WebhookSummary } from './webhook.ts';
import { summaryOf } from './webhook.ops.ts';

/** The tenant's endpoints, oldest first, without secrets (admin). */
export class ListWebhooksUseCase {
  readonly #uow: UnitOfWork;

  constructor(deps: { readonly uow: UnitOfWork }) {
    this.#uow = deps.uow;
  }

  execute(input: PageRequest, actor: Actor): Effect.Effect<Page<WebhookSummary>, Forbidden | StoreUnavailable> {
    return authorize(actor, 'webhooks.manage').pipe(
      Effect.andThen(() => this.#uow.read((store) => store.webhooks.list(actor.tenantId, input))),
      Effect.map((page) => ({ items: page.items.map(summaryOf), next: page.next })),
    );
  }
}
