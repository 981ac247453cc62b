import { beforeEach, describe, expect, it } from 'vitest';
import { EmailTaken } from '../../../core/access/access.errors.ts';
import { CreateUserUseCase } from '../../../core/access/create-user.use-case.ts';
import { LoginUseCase } from '../../../core/access/login.use-case.ts';
import type { User } from '../../../core/access/user.ts';
import { Forbidden, InvalidInput } from '../../../core/shared/errors.ts';
import { actorOf, aUser, uniqueEmail } from '../../support/access-builders.ts';
import { accessWorld, failureOf, run, type AccessWorld } from './access-world.ts';

describe('CreateUserUseCase', () => {
  let world: AccessWorld;
  let create: CreateUserUseCase;
  let tenantId: string;
  let admin: User;
  const input = (overrides: Partial<{ email: string; name: string; password: string; role: 'admin' | 'agent' }> = {}) => ({
    email: uniqueEmail('new'), name: 'New Agent', password: 'long enough 🔑', role: 'agent' as const, ...overrides,
  });

  beforeEach(async () => {
    world = accessWorld();
    create = new CreateUserUseCase(world.deps);
    tenantId = (await world.seedTenant()).id;
    admin = await world.seedUser(aUser().inTenant(tenantId).admin().build());
  });

  it('creates an active, offline user on the default capacity who can log in', async () => {
    const request = input({ email: uniqueEmail('CaSe') });
    const user = await run(create.execute(request, actorOf(admin)));
    expect(user).toMatchObject({
      tenantId, email: request.email, name: 'New Agent', role: 'agent', active: true, availability: 'offline',
      maxCustomers: null, createdAt: world.clock.now(),
    });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await world.storedUser(user)).toEqual(user);
    const session = await run(new LoginUseCase(world.deps).execute({ email: request.email, password: request.password }));
    expect(session.user.id).toBe(user.id);
  });

  it('is for admins only', async () => {
    const agent = await world.seedUser(aUser().inTenant(tenantId).agent().build());
    expect(await failureOf(create.execute(input(), actorOf(agent)))).toEqual(new Forbidden({ action: 'users.manage' }));
    expect(world.hasher.calls.hash).toBe(0);
  });

  it('refuses a password outside 8..128 characters before hashing anything', async () => {
    const error = await failureOf(create.execute(input({ password: 'short' }), actorOf(admin)));
    expect(error).toBeInstanceOf(InvalidInput);
    expect((error as InvalidInput).path).toBe('password');
    expect(world.hasher.calls.hash).toBe(0);
  });

  it('refuses a blank name', async () => {
    const error = await failureOf(create.execute(input({ name: '  ' }), actorOf(admin)));
    expect((error as InvalidInput).path).toBe('name');
  });

  it('refuses an email taken in the tenant, whatever its case', async () => {
    const error = await failureOf(create.execute(input({ email: admin.email.toUpperCase() }), actorOf(admin)));
    expect(error).toEqual(new EmailTaken({ email: admin.email.toUpperCase() }));
  });

  it('refuses an email that can already log in in another tenant', async () => {
    const elsewhere = await world.seedUser(aUser().inTenant((await world.seedTenant()).id).build());
    expect(await failureOf(create.execute(input({ email: elsewhere.email }), actorOf(admin)))).toEqual(
      new EmailTaken({ email: elsewhere.email }),
    );
  });

  it('allows an email another tenant uses for a user without a password', async () => {
    const mirrored = await world.seedUser(aUser().inTenant((await world.seedTenant()).id).withoutPassword().build());
    const user = await run(create.execute(input({ email: mirrored.email }), actorOf(admin)));
    expect(user.email).toBe(mirrored.email);
  });
});
