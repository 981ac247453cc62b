import { Effect } from 'effect';
import { authorize } from '../access/permissions.ts';
import type { Actor } from '../shared/actor.ts';
import { NotFound, type Forbidden, type StoreUnavailable } from '../shared/errors.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { integrationView, type QiscusIntegrationView } from './qiscus-integration.ts';

/** The tenant's Qiscus settings without secrets, with the webhook URLs to paste into Qiscus (admin). */
export class GetQiscusIntegrationUseCase {
  readonly #deps: { readonly uow: UnitOfWork; readonly publicBaseUrl: string };

  constructor(deps: { readonly uow: UnitOfWork; readonly publicBaseUrl: string }) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(_input: void, actor: Actor): Effect.Effect<QiscusIntegrationView, Forbidden | NotFound | StoreUnavailable> {
    const { uow, publicBaseUrl } = this.#deps;
    return Effect.gen(function* () {
      yield* authorize(actor, 'integrations.manage');
      const integration = yield* uow.read((store) => store.integrations.get(actor.tenantId));
      if (integration === null) return yield* Effect.fail(new NotFound({ entity: 'integration' }));
      return integrationView(integration, publicBaseUrl);
    });
  }
}
