import { Effect } from 'effect';
import { userJson } from '../../adapters/http-koa/serializers.ts';
import { CreateUserUseCase } from '../../core/access/create-user.use-case.ts';
import { CreateTenantUseCase } from '../../core/tenancy/create-tenant.use-case.ts';
import type { Root } from '../shared/root.ts';
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

/** What the commands run on: the root's store and parts. */
export type CliRoot = Pick<Root, 'store' | 'hasher' | 'clock' | 'ids'>;

const deps = (root: CliRoot) => ({ uow: root.store.uow, hasher: root.hasher, clock: root.clock, ids: root.ids });

/** Runs a command on an open root (its store migrated); resolves to the JSON it prints. */
export const runCommand = async (command: Exclude<CliCommand, { kind: 'help' }>, root: CliRoot): Promise<unknown> => {
  switch (command.kind) {
    case 'migrate':
      return { applied: root.store.migrated };
    case 'tenant create': {
      const { kind: _, ...input } = command;
      const { tenant, admin } = await run(new CreateTenantUseCase(deps(root)).execute(input));
      return { tenant: { id: tenant.id, name: tenant.name }, admin: userJson(admin) };
    }
    case 'user create': {
      const { kind: _, tenantId, ...input } = command;
      const tenant = await run(root.store.uow.read((s) => s.tenants.get(tenantId)));
      if (tenant === null) throw new CommandFailed(`no tenant with id ${tenantId}`);
      // The operator acts as an admin of that tenant.
      const user = await run(new CreateUserUseCase(deps(root)).execute(input, { userId: 'cli', tenantId, role: 'admin' }));
      return userJson(user);
    }
  }
};
