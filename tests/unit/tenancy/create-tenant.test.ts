import { beforeEach, describe, expect, it } from 'vitest';
import { EmailTaken } from '../../../core/access/access.errors.ts';
import { LoginUseCase } from '../../../core/access/login.use-case.ts';
import { InvalidInput } from '../../../core/shared/errors.ts';
import { CreateTenantUseCase } from '../../../core/tenancy/create-tenant.use-case.ts';
import { aUser, uniqueEmail } from '../../support/access-builders.ts';
import { accessWorld, failureOf, run, type AccessWorld } from '../access/access-world.ts';

describe('CreateTenantUseCase', () => {
  let world: AccessWorld;
  let create: CreateTenantUseCase;

  beforeEach(() => {
    world = accessWorld();
    create = new CreateTenantUseCase(world.deps);
  });

  it('creates a tenant on the default settings with an admin who can log in', async () => {
    const adminEmail = uniqueEmail('Boss');
    const { tenant, admin } = await run(create.execute({ name: 'Acme', adminEmail, adminPassword: 'first admin pw', adminName: 'Boss' }));
    expect(tenant).toEqual({ id: tenant.id, name: 'Acme', settings: { maxCustomersPerAgent: 2, autoAssign: true, sla: null, businessHours: null }, createdAt: world.clock.now(), updatedAt: world.clock.now() });
    expect(admin).toMatchObject({ tenantId: tenant.id, email: adminEmail, name: 'Boss', role: 'admin', active: true, availability: 'offline', maxCustomers: null });
    expect(await run(world.uow.read((store) => store.tenants.get(tenant.id)))).toEqual(tenant);
    const session = await run(new LoginUseCase(world.deps).execute({ email: adminEmail, password: 'first admin pw' }));
    expect(session.user).toEqual(admin);
  });

  it('names the admin after the email when no name is given', async () => {
    const adminEmail = uniqueEmail('root');
    const { admin } = await run(create.execute({ name: 'Acme', adminEmail, adminPassword: 'first admin pw' }));
    expect(admin.name).toBe(adminEmail.split('@')[0]);
  });

  it('refuses an admin email that can already log in, and keeps no half-made tenant', async () => {
    const existing = await world.seedUser(aUser().inTenant((await world.seedTenant()).id).build());
    const before = world.uow.db.tenants.size;
    expect(await failureOf(create.execute({ name: 'Twin', adminEmail: existing.email, adminPassword: 'first admin pw' }))).toEqual(
      new EmailTaken({ email: existing.email }),
    );
    expect(world.uow.db.tenants.size).toBe(before);
  });

  it.each([
    ['name', { name: ' ' }],
    ['admin_password', { adminPassword: 'short' }],
    ['admin_email', { adminEmail: 'nope' }],
  ])('refuses a bad %s', async (path, patch) => {
    const error = await failureOf(create.execute({ name: 'Acme', adminEmail: uniqueEmail(), adminPassword: 'first admin pw', ...patch }));
    expect(error).toBeInstanceOf(InvalidInput);
    expect((error as InvalidInput).path).toBe(path);
  });
});
