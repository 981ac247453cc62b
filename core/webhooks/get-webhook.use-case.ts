import { Effect } from 'effect';
import { authorize } from '../access/permissions.ts';
import type { Actor } from '../shared/actor.ts';
import type { Forbidden, NotFound, StoreUnavailable } from '../shared/errors.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import type { WebhookSummary } from './webhook.ts';
import { summaryOf } from './webhook.ops.ts';
import { webhookOf } from './webhooks.shared.ts';

/** One endpoint of the tenant, without secrets (admin). */
export class GetWebhookUseCase {
  readonly #uow: UnitOfWork;

  constructor(deps: { readonly uow: UnitOfWork }) {
    this.#uow = deps.uow;
  }

  execute(input: { readonly id: string }, actor: Actor): Effect.Effect<WebhookSummary, Forbidden | NotFound | StoreUnavailable> {
    return authorize(actor, 'webhooks.manage').pipe(
      Effect.andThen(() => this.#uow.read((store) => webhookOf(store, actor.tenantId, input.id))),
      Effect.map(summaryOf),
    );
  }
}
