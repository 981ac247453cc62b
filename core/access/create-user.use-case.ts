import { Effect } from 'effect';
import type { Actor } from '../shared/actor.ts';
import type { Forbidden, InvalidInput, StoreUnavailable } from '../shared/errors.ts';
import type { Clock, IdGenerator } from '../shared/ports.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { EmailTaken } from './access.errors.ts';
import type { PasswordHasher } from './credentials.port.ts';
import { checkPassword } from './password.policy.ts';
import { authorize } from './permissions.ts';
import { createUser } from './user.ops.ts';
import type { Role, User } from './user.ts';

export interface CreateUserInput {
  readonly email: string;
  readonly name: string;
  readonly password: string;
  readonly role: Role;
}

export interface CreateUserDeps {
  readonly uow: UnitOfWork;
  readonly hasher: PasswordHasher;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** An admin adds a staff user to their tenant: active, offline, on the tenant's default capacity. */
export class CreateUserUseCase {
  readonly #deps: CreateUserDeps;

  constructor(deps: CreateUserDeps) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(input: CreateUserInput, actor: Actor): Effect.Effect<User, Forbidden | InvalidInput | EmailTaken | StoreUnavailable> {
    const { uow, hasher, clock, ids } = this.#deps;
    return Effect.gen(function* () {
      yield* authorize(actor, 'users.manage');
      yield* Effect.fromResult(checkPassword(input.password));
      const draft = yield* Effect.fromResult(
        createUser(
          { id: ids.next(), tenantId: actor.tenantId, email: input.email, name: input.name, role: input.role, passwordHash: null },
          clock.now(),
        ),
      );
      const user: User = { ...draft, passwordHash: yield* hasher.hash(input.password) };
      yield* uow.transaction((store) =>
        store.users.insert(user).pipe(Effect.catchTag('DuplicateKey', () => Effect.fail(new EmailTaken({ email: user.email })))),
      );
      return user;
    });
  }
}
