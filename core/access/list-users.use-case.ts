import { Effect } from 'effect';
import type { Actor } from '../shared/actor.ts';
import type { Forbidden, StoreUnavailable } from '../shared/errors.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { authorize } from './permissions.ts';
import type { UserFilter } from './user.port.ts';
import type { User } from './user.ts';

export interface ListUsersInput extends UserFilter {
  readonly page: PageRequest;
}

/** The tenant's staff users in creation order, optionally by role and active flag. */
export class ListUsersUseCase {
  readonly #uow: UnitOfWork;

  constructor(deps: { readonly uow: UnitOfWork }) {
    this.#uow = deps.uow;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(input: ListUsersInput, actor: Actor): Effect.Effect<Page<User>, Forbidden | StoreUnavailable> {
    const uow = this.#uow;
    const filter: UserFilter = {
      ...(input.role === undefined ? {} : { role: input.role }),
      ...(input.active === undefined ? {} : { active: input.active }),
    };
    return Effect.gen(function* () {
      yield* authorize(actor, 'users.read');
      return yield* uow.read((store) => store.users.list(actor.tenantId, filter, input.page));
    });
  }
}
