import { Effect, Result } from 'effect';
import type { Actor } from '../shared/actor.ts';
import { domainEvent } from '../shared/events.ts';
import { type Forbidden, InvalidInput, NotFound, type StoreUnavailable } from '../shared/errors.ts';
import type { Clock, IdGenerator } from '../shared/ports.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { EmailTaken } from './access.errors.ts';
import type { PasswordHasher } from './credentials.port.ts';
import { checkPassword } from './password.policy.ts';
import { authorize } from './permissions.ts';
import { allocationChanged, checkUserChanges, endsSessions, updateUser, type UserChanges } from './user.ops.ts';
import type { Role, User } from './user.ts';

export interface UpdateUserInput {
  readonly id: string;
  readonly name?: string;
  readonly role?: Role;
  readonly active?: boolean;
  readonly maxCustomers?: number | null;
  readonly password?: string;
}

export interface UpdateUserDeps {
  readonly uow: UnitOfWork;
  readonly hasher: PasswordHasher;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** Nobody changes their own role or deactivates themselves (a tenant must not lose its last admin that way). */
const checkOwnChanges = (fields: Omit<UpdateUserInput, 'id' | 'password'>, actor: Actor): Result.Result<void, InvalidInput> => {
  if (fields.role !== undefined && fields.role !== actor.role) {
    return Result.fail(new InvalidInput({ path: 'role', message: 'you cannot change your own role' }));
  }
  if (fields.active === false) return Result.fail(new InvalidInput({ path: 'active', message: 'you cannot deactivate yourself' }));
  return Result.succeed(undefined);
};

/**
 * An admin changes a user of their tenant. Deactivation or a new password ends the user's refresh
 * families; a change to what the allocator sees (active, capacity, role) is announced.
 */
export class UpdateUserUseCase {
  readonly #deps: UpdateUserDeps;

  constructor(deps: UpdateUserDeps) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(
    input: UpdateUserInput,
    actor: Actor,
  ): Effect.Effect<User, Forbidden | InvalidInput | NotFound | EmailTaken | StoreUnavailable> {
    const { uow, hasher, clock, ids } = this.#deps;
    const { id: _id, password, ...fields } = input;
    return Effect.gen(function* () {
      yield* authorize(actor, 'users.manage');
      yield* Effect.fromResult(checkUserChanges(fields));
      if (input.id === actor.userId) yield* Effect.fromResult(checkOwnChanges(fields, actor));
      if (password !== undefined) yield* Effect.fromResult(checkPassword(password));
      const changes: UserChanges =
        password === undefined ? fields : { ...fields, passwordHash: yield* hasher.hash(password) };
      return yield* uow.transaction((store) =>
        Effect.gen(function* () {
          const before = yield* store.users.get(actor.tenantId, input.id);
          if (before === null) return yield* new NotFound({ entity: 'user' });
          const now = clock.now();
          const after = yield* Effect.fromResult(updateUser(before, changes, now));
          yield* store.users
            .update(after)
            .pipe(Effect.catchTag('DuplicateKey', () => Effect.fail(new EmailTaken({ email: after.email }))));
          if (endsSessions(before, after)) yield* store.refreshTokens.revokeAllOfUser(after.tenantId, after.id, now);
          if (allocationChanged(before, after)) {
            const meta = { id: ids.next(), tenantId: after.tenantId, occurredAt: now };
            const payload = { agentId: after.id, active: after.active, maxCustomers: after.maxCustomers };
            yield* store.outbox.append([domainEvent('agent.capacity_changed', meta, payload)]);
          }
          return after;
        }),
      );
    });
  }
}
