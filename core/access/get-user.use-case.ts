import { Effect } from 'effect';
import type { Actor } from '../shared/actor.ts';
import { type Forbidden, NotFound, type StoreUnavailable } from '../shared/errors.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { authorize } from './permissions.ts';
import type { User } from './user.ts';

export interface GetUserInput {
  readonly id: string;
}

/** One staff user of the actor's tenant; a foreign id is simply not found. */
export class GetUserUseCase {
  readonly #uow: UnitOfWork;

  constructor(deps: { readonly uow: UnitOfWork }) {
    this.#uow = deps.uow;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(input: GetUserInput, actor: Actor): Effect.Effect<User, Forbidden | NotFound | StoreUnavailable> {
    const uow = this.#uow;
    return Effect.gen(function* () {
      yield* authorize(actor, 'users.read');
      const user = yield* uow.read((store) => store.users.get(actor.tenantId, input.id));
      return user ?? (yield* new NotFound({ entity: 'user' }));
    });
  }
}
