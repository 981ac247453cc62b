import { Effect } from 'effect';
import { authorize } from '../access/permissions.ts';
import type { Actor } from '../shared/actor.ts';
import { NotFound, type Forbidden, type StoreUnavailable } from '../shared/errors.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { integrationView, type PlatformIntegrationView, type PlatformSettings } from './platform-integration.ts';

export interface GetPlatformIntegrationDeps {
  readonly uow: UnitOfWork;
  readonly publicBaseUrl: string;
  readonly settings: PlatformSettings;
}

/** The tenant's chat platform settings without secrets, with the webhook URLs to paste into the platform (admin). */
export class GetPlatformIntegrationUseCase {
  readonly #deps: GetPlatformIntegrationDeps;

  constructor(deps: GetPlatformIntegrationDeps) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(_input: void, actor: Actor): Effect.Effect<PlatformIntegrationView, Forbidden | NotFound | StoreUnavailable> {
    const { uow, publicBaseUrl, settings } = this.#deps;
    return Effect.gen(function* () {
      yield* authorize(actor, 'integrations.manage');
      const integration = yield* uow.read((store) => store.integrations.get(actor.tenantId));
      if (integration === null) return yield* Effect.fail(new NotFound({ entity: 'integration' }));
      return integrationView(integration, publicBaseUrl, settings);
    });
  }
}
