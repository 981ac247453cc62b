import { Effect } from 'effect';
import type { Actor } from '../shared/actor.ts';
import { NotFound, type StoreUnavailable } from '../shared/errors.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import type { User } from './user.ts';

/** The calling user, as stored. */
export class GetMeUseCase {
  readonly #uow: UnitOfWork;

  constructor(deps: { readonly uow: UnitOfWork }) {
    this.#uow = deps.uow;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(_input: void, actor: Actor): Effect.Effect<User, NotFound | StoreUnavailable> {
    const uow = this.#uow;
    return Effect.gen(function* () {
      const user = yield* uow.read((store) => store.users.get(actor.tenantId, actor.userId));
      return user ?? (yield* new NotFound({ entity: 'user' }));
    });
  }
}
