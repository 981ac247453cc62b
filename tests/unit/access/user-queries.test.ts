import { beforeEach, describe, expect, it } from 'vitest';
import { GetMeUseCase } from '../../../core/access/get-me.use-case.ts';
import { GetUserUseCase } from '../../../core/access/get-user.use-case.ts';
import { ListUsersUseCase } from '../../../core/access/list-users.use-case.ts';
import type { User } from '../../../core/access/user.ts';
import { NotFound } from '../../../core/shared/errors.ts';
import { actorOf, aUser, newId } from '../../support/access-builders.ts';
import { accessWorld, failureOf, run, type AccessWorld } from './access-world.ts';

describe('user queries', () => {
  let world: AccessWorld;
  let tenantId: string;
  let admin: User;
  let agent: User;
  let stranger: User;

  beforeEach(async () => {
    world = accessWorld();
    tenantId = (await world.seedTenant()).id;
    admin = await world.seedUser(aUser().inTenant(tenantId).admin().build());
    agent = await world.seedUser(aUser().inTenant(tenantId).agent().build());
    stranger = await world.seedUser(aUser().inTenant((await world.seedTenant()).id).build());
  });

  describe('GetMeUseCase', () => {
    it('returns the calling user as stored', async () => {
      expect(await run(new GetMeUseCase(world.deps).execute(undefined, actorOf(agent)))).toEqual(agent);
    });

    it('fails NotFound when the caller no longer exists', async () => {
      const ghost = { userId: newId(), tenantId, role: 'agent' as const };
      expect(await failureOf(new GetMeUseCase(world.deps).execute(undefined, ghost))).toEqual(new NotFound({ entity: 'user' }));
    });
  });

  describe('GetUserUseCase', () => {
    it.each(['admin', 'agent'] as const)('lets an %s read a user of the tenant', async (role) => {
      const actor = actorOf(role === 'admin' ? admin : agent);
      expect(await run(new GetUserUseCase(world.deps).execute({ id: admin.id }, actor))).toEqual(admin);
    });

    it('answers a foreign id exactly like a missing one', async () => {
      const useCase = new GetUserUseCase(world.deps);
      const foreign = await failureOf(useCase.execute({ id: stranger.id }, actorOf(admin)));
      const missing = await failureOf(useCase.execute({ id: newId() }, actorOf(admin)));
      expect(foreign).toEqual(new NotFound({ entity: 'user' }));
      expect(missing).toEqual(foreign);
    });
  });

  describe('ListUsersUseCase', () => {
    const list = (filter: { role?: 'admin' | 'agent'; active?: boolean }, actor = actorOf(admin)) =>
      run(new ListUsersUseCase(world.deps).execute({ ...filter, page: { limit: 20, after: null } }, actor));

    it('lists the tenant’s users in creation order, never another tenant’s', async () => {
      const page = await list({}, actorOf(agent));
      expect(page.items.map((u) => u.id)).toEqual([admin.id, agent.id]);
      expect(page.next).toBeNull();
    });

    it('filters by role and by active flag', async () => {
      const retired = await world.seedUser(aUser().inTenant(tenantId).agent().inactive().build());
      expect((await list({ role: 'agent' })).items.map((u) => u.id)).toEqual([agent.id, retired.id]);
      expect((await list({ active: false })).items.map((u) => u.id)).toEqual([retired.id]);
      expect((await list({ role: 'agent', active: true })).items.map((u) => u.id)).toEqual([agent.id]);
    });

    it('pages through every user exactly once', async () => {
      const more = [];
      for (let i = 0; i < 3; i++) more.push(await world.seedUser(aUser().inTenant(tenantId).withoutPassword().build()));
      const useCase = new ListUsersUseCase(world.deps);
      const first = await run(useCase.execute({ page: { limit: 2, after: null } }, actorOf(admin)));
      const second = await run(useCase.execute({ page: { limit: 2, after: first.next } }, actorOf(admin)));
      const third = await run(useCase.execute({ page: { limit: 2, after: second.next } }, actorOf(admin)));
      expect([...first.items, ...second.items, ...third.items].map((u) => u.id)).toEqual([admin.id, agent.id, ...more.map((u) => u.id)]);
      expect(third.next).toBeNull();
    });
  });
});
