import { Effect } from 'effect';
import { Argon2PasswordHasher } from '../../adapters/crypto/argon2-password-hasher.ts';
import { userJson } from '../../adapters/http-koa/serializers.ts';
import { systemClock, uuidV7Ids } from '../../adapters/memory/memory-ids.ts';
import { CreateUserUseCase } from '../../core/access/create-user.use-case.ts';
import { CreateTenantUseCase } from '../../core/tenancy/create-tenant.use-case.ts';
import type { OpenStore } from '../shared/open-store.ts';
import type { CliCommand } from './cli-args.ts';

/** An expected failure of a command (bad value, taken email, unknown tenant, database down). */
export class CommandFailed extends Error {
  override readonly name = 'CommandFailed';
}

type Failure = { readonly _tag: string };

const explain = (failure: Failure): CommandFailed => {
  const error = failure as Failure & Readonly<Record<string, unknown>>;
  switch (error._tag) {
    case 'InvalidInput':
      return new CommandFailed(`invalid ${String(error.path)}: ${String(error.message)}`);
    case 'EmailTaken':
      return new CommandFailed(`the email ${String(error.email)} is already taken`);
    case 'StoreUnavailable':
      return new CommandFailed('the database does not answer');
    default:
      return new CommandFailed(`refused: ${error._tag}`);
  }
};

const run = <A>(effect: Effect.Effect<A, Failure>): Promise<A> =>
  Effect.runPromise(effect.pipe(Effect.mapError(explain), Effect.catch((failed) => Effect.die(failed))));

const deps = (store: OpenStore) => ({ uow: store.uow, hasher: new Argon2PasswordHasher(), clock: systemClock, ids: uuidV7Ids });

/** Runs a command on an open (and migrated) store; resolves to the JSON it prints. */
export const runCommand = async (command: Exclude<CliCommand, { kind: 'help' }>, store: OpenStore): Promise<unknown> => {
  switch (command.kind) {
    case 'migrate':
      return { applied: store.migrated };
    case 'tenant create': {
      const { kind: _, ...input } = command;
      const { tenant, admin } = await run(new CreateTenantUseCase(deps(store)).execute(input));
      return { tenant: { id: tenant.id, name: tenant.name }, admin: userJson(admin) };
    }
    case 'user create': {
      const { kind: _, tenantId, ...input } = command;
      const tenant = await run(store.uow.read((s) => s.tenants.get(tenantId)));
      if (tenant === null) throw new CommandFailed(`no tenant with id ${tenantId}`);
      // The operator acts as an admin of that tenant.
      const user = await run(new CreateUserUseCase(deps(store)).execute(input, { userId: 'cli', tenantId, role: 'admin' }));
      return userJson(user);
    }
  }
};
