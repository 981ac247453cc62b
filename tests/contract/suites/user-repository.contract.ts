import { Effect, Result } from 'effect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../../core/access/user.ts';
import type { DuplicateKey, StoreUnavailable } from '../../../core/shared/errors.ts';
import type { UserFilter } from '../../../core/access/user.port.ts';
import { accessEpoch, aTenantNamed, aUser, uniqueEmail } from '../../support/access-builders.ts';
import type { ContractEnv, ContractEnvFactory } from '../contract-env.ts';

export const userRepositoryContract = (makeEnv: ContractEnvFactory): void => {
  describe('UserRepository contract', () => {
    let env: ContractEnv;
    beforeAll(async () => {
      env = await makeEnv();
    });
    afterAll(async () => {
      await env.close();
    });

    const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect);
    const newTenant = async () => {
      const tenant = aTenantNamed().build();
      await run(env.uow.transaction((s) => s.tenants.insert(tenant)));
      return tenant.id;
    };
    const insert = (user: User) => run(env.uow.transaction((s) => s.users.insert(user)));
    const duplicateKeyOf = async (work: Effect.Effect<void, DuplicateKey | StoreUnavailable>): Promise<string | null> => {
      const result = await run(Effect.result(work));
      return Result.isFailure(result) && result.failure._tag === 'DuplicateKey' ? result.failure.key : null;
    };
    const tryInsert = (user: User) => duplicateKeyOf(env.uow.transaction((s) => s.users.insert(user)));
    const tryUpdate = (user: User) => duplicateKeyOf(env.uow.transaction((s) => s.users.update(user)));
    const get = (user: Pick<User, 'tenantId' | 'id'>) => run(env.uow.read((s) => s.users.get(user.tenantId, user.id)));
    const list = (tenantId: string, filter: UserFilter, limit: number, after: string | null = null) =>
      run(env.uow.read((s) => s.users.list(tenantId, filter, { limit, after })));

    it('stores a user and reads it back whole', async () => {
      const user = aUser().inTenant(await newTenant()).named('Zoë 🌟 Ng').admin().online().withMaxCustomers(0)
        .withPasswordHash('$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA').build();
      const assigned = { ...user, lastAssignedAt: new Date(accessEpoch.getTime() + 1), updatedAt: new Date(accessEpoch.getTime() + 2) };
      await insert(assigned);
      expect(await get(user)).toEqual(assigned);
      const mirrored = aUser().inTenant(user.tenantId).withoutPassword().build();
      await insert(mirrored);
      expect(await get(mirrored)).toEqual(mirrored);
    });

    it('hides a user from every other tenant', async () => {
      const user = aUser().inTenant(await newTenant()).build();
      await insert(user);
      const other = await newTenant();
      expect(await get({ tenantId: other, id: user.id })).toBeNull();
      expect(await run(env.uow.read((s) => s.users.findByEmail(other, user.email)))).toBeNull();
    });

    it('finds by email within the tenant, case-insensitively, as stored', async () => {
      const user = aUser().inTenant(await newTenant()).withEmail(uniqueEmail('MiXed')).build();
      await insert(user);
      expect(await run(env.uow.read((s) => s.users.findByEmail(user.tenantId, user.email.toUpperCase())))).toEqual(user);
    });

    it('finds the login user by email across tenants, only when they have a password', async () => {
      const withPassword = aUser().inTenant(await newTenant()).withEmail(uniqueEmail('Login')).build();
      const without = aUser().inTenant(await newTenant()).withEmail(withPassword.email.toLowerCase()).withoutPassword().build();
      await insert(without);
      expect(await run(env.uow.read((s) => s.users.findLoginByEmail(without.email)))).toBeNull();
      await insert(withPassword);
      expect(await run(env.uow.read((s) => s.users.findLoginByEmail(withPassword.email.toUpperCase())))).toEqual(withPassword);
    });

    it('refuses a second user with the same email in a tenant (users.email), whatever the case', async () => {
      const tenantId = await newTenant();
      const first = aUser().inTenant(tenantId).withoutPassword().build();
      await insert(first);
      expect(await tryInsert(aUser().inTenant(tenantId).withoutPassword().withEmail(first.email.toUpperCase()).build())).toBe('users.email');
    });

    it('refuses a second login user with the same email anywhere (users.login_email)', async () => {
      const first = aUser().inTenant(await newTenant()).build();
      await insert(first);
      const twin = aUser().inTenant(await newTenant()).withEmail(first.email.toUpperCase()).build();
      expect(await tryInsert(twin)).toBe('users.login_email');
      expect(await get(twin)).toBeNull();
      expect(await tryInsert({ ...twin, passwordHash: null })).toBeNull();
    });

    it('updates a user, and refuses an update that would clash on login email', async () => {
      const first = aUser().inTenant(await newTenant()).build();
      const mirrored = aUser().inTenant(await newTenant()).withEmail(first.email).withoutPassword().build();
      await insert(first);
      await insert(mirrored);
      const renamed = { ...mirrored, name: 'Renamed', active: false, availability: 'online' as const, maxCustomers: 3 };
      expect(await tryUpdate(renamed)).toBeNull();
      expect(await get(mirrored)).toEqual(renamed);
      expect(await tryUpdate({ ...renamed, passwordHash: 'hash' })).toBe('users.login_email');
      expect(await get(mirrored)).toEqual(renamed);
    });

    it('update never touches a row of another tenant', async () => {
      const user = aUser().inTenant(await newTenant()).build();
      await insert(user);
      await run(env.uow.transaction((s) => s.users.update({ ...user, tenantId: aTenantNamed().build().id, name: 'Hijacked' })));
      expect(await get(user)).toEqual(user);
    });

    it('lists the tenant’s users by id, with role and active filters', async () => {
      const tenantId = await newTenant();
      const admin = aUser().inTenant(tenantId).admin().build();
      const agent = aUser().inTenant(tenantId).agent().build();
      const retired = aUser().inTenant(tenantId).agent().inactive().build();
      for (const user of [retired, admin, agent]) await insert(user);
      await insert(aUser().inTenant(await newTenant()).build());
      const ids = async (filter: UserFilter) => (await list(tenantId, filter, 100)).items.map((u) => u.id);
      expect(await ids({})).toEqual([admin.id, agent.id, retired.id]);
      expect(await ids({ role: 'agent' })).toEqual([agent.id, retired.id]);
      expect(await ids({ active: true })).toEqual([admin.id, agent.id]);
      expect(await ids({ role: 'agent', active: false })).toEqual([retired.id]);
    });

    it('pages through every user exactly once, even while users are added', async () => {
      const tenantId = await newTenant();
      const users = Array.from({ length: 5 }, () => aUser().inTenant(tenantId).withoutPassword().build());
      for (const user of users) await insert(user);
      const first = await list(tenantId, {}, 2);
      expect(first.items.map((u) => u.id)).toEqual([users[0]?.id, users[1]?.id]);
      const late = aUser().inTenant(tenantId).withoutPassword().build();
      await insert(late);
      const second = await list(tenantId, {}, 2, first.next);
      const third = await list(tenantId, {}, 2, second.next);
      expect([...second.items, ...third.items].map((u) => u.id)).toEqual([...users.slice(2), late].map((u) => u.id));
      expect(third.next).toBeNull();
    });

    it('gives no next position on a page that ends the list', async () => {
      const tenantId = await newTenant();
      await insert(aUser().inTenant(tenantId).build());
      expect((await list(tenantId, {}, 1)).next).toBeNull();
    });
  });
};
