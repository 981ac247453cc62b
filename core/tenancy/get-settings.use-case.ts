import { Effect } from 'effect';
import { authorize } from '../access/permissions.ts';
import type { Actor } from '../shared/actor.ts';
import { type Forbidden, NotFound, type StoreUnavailable } from '../shared/errors.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import type { TenantSettings } from './tenant.ts';

/** The actor's tenant settings (admin only). */
export class GetSettingsUseCase {
  readonly #uow: UnitOfWork;

  constructor(deps: { readonly uow: UnitOfWork }) {
    this.#uow = deps.uow;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(_input: void, actor: Actor): Effect.Effect<TenantSettings, Forbidden | NotFound | StoreUnavailable> {
    const uow = this.#uow;
    return Effect.gen(function* () {
      yield* authorize(actor, 'settings.manage');
      const tenant = yield* uow.read((store) => store.tenants.get(actor.tenantId));
      if (tenant === null) return yield* new NotFound({ entity: 'tenant' });
      return tenant.settings;
    });
  }
}
