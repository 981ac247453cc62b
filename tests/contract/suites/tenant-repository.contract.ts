import { Effect, Result } from 'effect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tenant } from '../../../core/tenancy/tenant.ts';
import { aTenantNamed } from '../../support/access-builders.ts';
import type { ContractEnv, ContractEnvFactory } from '../contract-env.ts';

export const tenantRepositoryContract = (makeEnv: ContractEnvFactory): void => {
  describe('TenantRepository contract', () => {
    let env: ContractEnv;
    beforeAll(async () => {
      env = await makeEnv();
    });
    afterAll(async () => {
      await env.close();
    });

    const insert = (tenant: Tenant) => Effect.runPromise(env.uow.transaction((s) => s.tenants.insert(tenant)));
    const get = (id: string) => Effect.runPromise(env.uow.read((s) => s.tenants.get(id)));

    it('stores a tenant and reads it back whole (emoji included)', async () => {
      const tenant = aTenantNamed('Acme 🚀 Support').withSettings({ maxCustomersPerAgent: 7, autoAssign: false, sla: { high: { firstResponseMinutes: 30, resolutionMinutes: null } }, businessHours: { timezone: 'Asia/Jakarta', week: { mon: [['09:00', '12:00'], ['13:00', '24:00']] } } }).build();
      await insert(tenant);
      expect(await get(tenant.id)).toEqual(tenant);
    });

    it('answers null for an unknown id', async () => {
      expect(await get(aTenantNamed().build().id)).toBeNull();
    });

    it('refuses a second tenant with the same id', async () => {
      const tenant = aTenantNamed().build();
      await insert(tenant);
      const second = await Effect.runPromise(Effect.result(env.uow.transaction((s) => s.tenants.insert({ ...tenant, name: 'Other' }))));
      expect(Result.isFailure(second) && second.failure._tag).toBe('DuplicateKey');
      expect((await get(tenant.id))?.name).toBe(tenant.name);
    });

    it('updates name, settings and updatedAt', async () => {
      const tenant = aTenantNamed().build();
      await insert(tenant);
      const changed: Tenant = {
        ...tenant, name: 'Renamed', settings: { maxCustomersPerAgent: 1000, autoAssign: false, sla: null, businessHours: null },
        updatedAt: new Date(tenant.updatedAt.getTime() + 1234),
      };
      await Effect.runPromise(env.uow.transaction((s) => s.tenants.update(changed)));
      expect(await get(tenant.id)).toEqual(changed);
    });

    it('leaves other tenants alone on update', async () => {
      const [a, b] = [aTenantNamed('A').build(), aTenantNamed('B').build()];
      await insert(a);
      await insert(b);
      await Effect.runPromise(env.uow.transaction((s) => s.tenants.update({ ...a, name: 'A2' })));
      expect(await get(b.id)).toEqual(b);
    });
  });
};
