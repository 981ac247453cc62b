import { Effect } from 'effect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aChannel, aTenant, readFrom, seed } from '../../support/allocation-builders.ts';
import type { ContractEnv, ContractEnvFactory } from '../contract-env.ts';

class Boom {
  readonly _tag = 'Boom';
}

export const unitOfWorkContract = (makeEnv: ContractEnvFactory): void => {
  describe('UnitOfWork contract', () => {
    let env: ContractEnv;
    beforeAll(async () => {
      env = await makeEnv();
    });
    afterAll(async () => {
      await env.close();
    });

    it('commits every write of a successful transaction together', async () => {
      const tenant = aTenant().build();
      const channel = aChannel(tenant.id);
      const result = await Effect.runPromise(
        env.uow.transaction((s) => Effect.all([s.tenants.insert(tenant), s.channels.insert(channel)]).pipe(Effect.as('done'))),
      );
      expect(result).toBe('done');
      expect(await readFrom(env.uow, (s) => s.tenants.get(tenant.id))).toEqual(tenant);
      expect(await readFrom(env.uow, (s) => s.channels.findByKey(channel.key))).toEqual(channel);
    });

    it.each([
      ['transaction', 'fails'],
      ['transaction', 'dies'],
      ['exclusive', 'fails'],
    ] as const)('rolls back every write of a %s whose work %s', async (kind, how) => {
      const existing = aTenant().build();
      await seed(env.uow, { tenant: existing });
      const tenant = aTenant().build();
      const channel = aChannel(tenant.id);
      const work = (s: Parameters<Parameters<typeof env.uow.transaction>[0]>[0]) =>
        Effect.gen(function* () {
          yield* s.tenants.insert(tenant);
          yield* s.channels.insert(channel);
          yield* s.tenants.update({ ...existing, name: 'Renamed' });
          return yield* how === 'fails' ? Effect.fail(new Boom()) : Effect.die(new Error('bug'));
        });

      const exit = await Effect.runPromiseExit(kind === 'transaction' ? env.uow.transaction(work) : env.uow.exclusive(existing.id, work));

      expect(exit._tag).toBe('Failure');
      expect(await readFrom(env.uow, (s) => s.tenants.get(tenant.id))).toBeNull();
      expect(await readFrom(env.uow, (s) => s.channels.findByKey(channel.key))).toBeNull();
      expect((await readFrom(env.uow, (s) => s.tenants.get(existing.id)))?.name).toBe(existing.name);
    });

    it('returns the failure of the work unchanged', async () => {
      const error = await Effect.runPromise(Effect.flip(env.uow.transaction(() => Effect.fail(new Boom()))));
      expect(error).toBeInstanceOf(Boom);
    });

    it('serializes exclusive sections of one tenant: concurrent read-increment-write loses no update', async () => {
      const tenant = aTenant().withDefaultCapacity(1).build();
      await seed(env.uow, { tenant });
      const increment = env.uow.exclusive(tenant.id, (s) =>
        Effect.gen(function* () {
          const current = yield* s.tenants.get(tenant.id);
          if (current === null) return yield* Effect.die(new Error('tenant vanished'));
          yield* Effect.sleep('5 millis');
          yield* s.tenants.update({ ...current, settings: { ...current.settings, maxCustomersPerAgent: current.settings.maxCustomersPerAgent + 1 } });
        }),
      );

      await Effect.runPromise(Effect.all(Array.from({ length: 10 }, () => increment), { concurrency: 'unbounded' }));

      expect((await readFrom(env.uow, (s) => s.tenants.get(tenant.id)))?.settings.maxCustomersPerAgent).toBe(11);
    });
  });
};
