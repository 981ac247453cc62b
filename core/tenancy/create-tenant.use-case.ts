import { Effect } from 'effect';
import { EmailTaken } from '../access/access.errors.ts';
import type { PasswordHasher } from '../access/credentials.port.ts';
import { checkPassword } from '../access/password.policy.ts';
import { createUser } from '../access/user.ops.ts';
import type { User } from '../access/user.ts';
import { InvalidInput, type StoreUnavailable } from '../shared/errors.ts';
import type { Clock, IdGenerator } from '../shared/ports.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { createTenant } from './tenant.ops.ts';
import type { Tenant } from './tenant.ts';

export interface CreateTenantInput {
  readonly name: string;
  readonly adminEmail: string;
  readonly adminPassword: string;
  readonly adminName?: string;
}

export interface CreateTenantDeps {
  readonly uow: UnitOfWork;
  readonly hasher: PasswordHasher;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** A new tenant with its first admin (an operator's command, so there is no actor). */
export class CreateTenantUseCase {
  readonly #deps: CreateTenantDeps;

  constructor(deps: CreateTenantDeps) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(
    input: CreateTenantInput,
  ): Effect.Effect<{ readonly tenant: Tenant; readonly admin: User }, InvalidInput | EmailTaken | StoreUnavailable> {
    const { uow, hasher, clock, ids } = this.#deps;
    return Effect.gen(function* () {
      const now = clock.now();
      const tenant = yield* Effect.fromResult(createTenant({ id: ids.next(), name: input.name }, now));
      yield* Effect.fromResult(checkPassword(input.adminPassword, 'admin_password'));
      const adminFields = {
        id: ids.next(),
        tenantId: tenant.id,
        email: input.adminEmail,
        name: input.adminName ?? input.adminEmail.split('@')[0] ?? input.adminEmail,
        role: 'admin' as const,
        passwordHash: null,
      };
      const draft = yield* Effect.fromResult(createUser(adminFields, now)).pipe(Effect.mapError(prefixAdmin));
      const admin: User = { ...draft, passwordHash: yield* hasher.hash(input.adminPassword) };
      yield* uow.transaction((store) =>
        Effect.gen(function* () {
          yield* store.tenants.insert(tenant).pipe(Effect.catchTag('DuplicateKey', (e) => Effect.die(e)));
          yield* store.users
            .insert(admin)
            .pipe(Effect.catchTag('DuplicateKey', () => Effect.fail(new EmailTaken({ email: admin.email }))));
        }),
      );
      return { tenant, admin };
    });
  }
}

const prefixAdmin = (error: InvalidInput): InvalidInput =>
  new InvalidInput({ path: `admin_${error.path}`, message: error.message });
