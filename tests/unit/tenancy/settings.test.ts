import { beforeEach, describe, expect, it } from 'vitest';
import type { User } from '../../../core/access/user.ts';
import { Forbidden, InvalidInput, NotFound } from '../../../core/shared/errors.ts';
import { GetSettingsUseCase } from '../../../core/tenancy/get-settings.use-case.ts';
import { UpdateSettingsUseCase } from '../../../core/tenancy/update-settings.use-case.ts';
import { actorOf, aUser, newId } from '../../support/access-builders.ts';
import { accessWorld, failureOf, run, type AccessWorld } from '../access/access-world.ts';

describe('settings', () => {
  let world: AccessWorld;
  let tenantId: string;
  let admin: User;
  let agent: User;

  beforeEach(async () => {
    world = accessWorld();
    tenantId = (await world.seedTenant()).id;
    admin = await world.seedUser(aUser().inTenant(tenantId).admin().withoutPassword().build());
    agent = await world.seedUser(aUser().inTenant(tenantId).agent().withoutPassword().build());
  });

  describe('GetSettingsUseCase', () => {
    it('returns the tenant’s settings to an admin', async () => {
      expect(await run(new GetSettingsUseCase(world.deps).execute(undefined, actorOf(admin)))).toEqual({ maxCustomersPerAgent: 2, autoAssign: true, sla: null, businessHours: null });
    });

    it('is for admins only', async () => {
      expect(await failureOf(new GetSettingsUseCase(world.deps).execute(undefined, actorOf(agent)))).toEqual(new Forbidden({ action: 'settings.manage' }));
    });

    it('fails NotFound when the tenant is gone', async () => {
      const actor = { userId: newId(), tenantId: newId(), role: 'admin' as const };
      expect(await failureOf(new GetSettingsUseCase(world.deps).execute(undefined, actor))).toEqual(new NotFound({ entity: 'tenant' }));
    });
  });

  describe('UpdateSettingsUseCase', () => {
    const update = (input: { maxCustomersPerAgent?: number; autoAssign?: boolean }, actor = actorOf(admin)) =>
      new UpdateSettingsUseCase(world.deps).execute(input, actor);

    it('changes the given settings, stores them and emits settings.changed', async () => {
      world.clock.advance(10);
      expect(await run(update({ maxCustomersPerAgent: 5 }))).toEqual({ maxCustomersPerAgent: 5, autoAssign: true, sla: null, businessHours: null });
      expect(await run(update({ autoAssign: false }))).toEqual({ maxCustomersPerAgent: 5, autoAssign: false, sla: null, businessHours: null });
      expect(await run(new GetSettingsUseCase(world.deps).execute(undefined, actorOf(admin)))).toEqual({ maxCustomersPerAgent: 5, autoAssign: false, sla: null, businessHours: null });
      expect(world.events(tenantId)).toEqual([
        expect.objectContaining({ type: 'settings.changed', occurredAt: world.clock.now(), payload: { maxCustomersPerAgent: 5, autoAssign: true } }),
        expect.objectContaining({ type: 'settings.changed', payload: { maxCustomersPerAgent: 5, autoAssign: false } }),
      ]);
    });

    it('announces nothing when nothing changes', async () => {
      expect(await run(update({ maxCustomersPerAgent: 2, autoAssign: true }))).toEqual({ maxCustomersPerAgent: 2, autoAssign: true, sla: null, businessHours: null });
      expect(world.events(tenantId)).toEqual([]);
    });

    it('is for admins only', async () => {
      expect(await failureOf(update({ autoAssign: false }, actorOf(agent)))).toEqual(new Forbidden({ action: 'settings.manage' }));
    });

    it.each([0, 1001, 2.5])('refuses max_customers_per_agent %s', async (n) => {
      const error = await failureOf(update({ maxCustomersPerAgent: n }));
      expect(error).toBeInstanceOf(InvalidInput);
      expect((error as InvalidInput).path).toBe('max_customers_per_agent');
    });

    it('fails NotFound when the tenant is gone', async () => {
      const actor = { userId: newId(), tenantId: newId(), role: 'admin' as const };
      expect(await failureOf(update({ autoAssign: false }, actor))).toEqual(new NotFound({ entity: 'tenant' }));
    });
  });
});
