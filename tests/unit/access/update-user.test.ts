import { beforeEach, describe, expect, it } from 'vitest';
import { EmailTaken } from '../../../core/access/access.errors.ts';
import { LoginUseCase } from '../../../core/access/login.use-case.ts';
import type { Session } from '../../../core/access/session.ts';
import { UpdateUserUseCase, type UpdateUserInput } from '../../../core/access/update-user.use-case.ts';
import type { User } from '../../../core/access/user.ts';
import { Forbidden, InvalidInput, NotFound } from '../../../core/shared/errors.ts';
import { actorOf, aUser, newId } from '../../support/access-builders.ts';
import { accessWorld, failureOf, goodPassword, run, type AccessWorld } from './access-world.ts';

describe('UpdateUserUseCase', () => {
  let world: AccessWorld;
  let tenantId: string;
  let admin: User;
  let agent: User;
  let agentSession: Session;
  const update = (input: Omit<UpdateUserInput, 'id'>, id = agent.id, actor = actorOf(admin)) =>
    new UpdateUserUseCase(world.deps).execute({ id, ...input }, actor);
  const agentTokenRevoked = async () => (await world.storedToken(agentSession.refreshToken))?.revokedAt !== null;

  beforeEach(async () => {
    world = accessWorld();
    tenantId = (await world.seedTenant()).id;
    admin = await world.seedUser(aUser().inTenant(tenantId).admin().build());
    agent = await world.seedUser(aUser().inTenant(tenantId).agent().online().build());
    agentSession = await run(new LoginUseCase(world.deps).execute({ email: agent.email, password: goodPassword }));
    world.clock.advance(5);
  });

  it('changes name and role, keeps the rest, announces the role change', async () => {
    const updated = await run(update({ name: 'Renamed', role: 'admin' }));
    expect(updated).toEqual({ ...agent, name: 'Renamed', role: 'admin', updatedAt: world.clock.now() });
    expect(await world.storedUser(agent)).toEqual(updated);
    expect(world.events(tenantId).map((e) => e.type)).toEqual(['agent.capacity_changed']);
    expect(await agentTokenRevoked()).toBe(false);
  });

  it('sets max_customers and emits agent.capacity_changed', async () => {
    await run(update({ maxCustomers: 0 }));
    expect(world.events(tenantId)).toEqual([
      expect.objectContaining({ type: 'agent.capacity_changed', tenantId, occurredAt: world.clock.now(), payload: { agentId: agent.id, active: true, maxCustomers: 0 } }),
    ]);
  });

  it('announces nothing when nothing the allocator sees changes', async () => {
    await run(update({ name: 'Only a name', maxCustomers: null }));
    expect(world.events(tenantId)).toEqual([]);
  });

  it('deactivating keeps availability, revokes refresh tokens and announces it', async () => {
    const updated = await run(update({ active: false }));
    expect(updated).toMatchObject({ active: false, availability: 'online' });
    expect(await agentTokenRevoked()).toBe(true);
    expect(world.events(tenantId).map((e) => e.payload)).toEqual([{ agentId: agent.id, active: false, maxCustomers: null }]);
  });

  it('a new password replaces the hash, revokes refresh tokens and works for login', async () => {
    const updated = await run(update({ password: 'brand new 🔐 secret' }));
    expect(updated.passwordHash).not.toBe(agent.passwordHash);
    expect(await agentTokenRevoked()).toBe(true);
    const session = await run(new LoginUseCase(world.deps).execute({ email: agent.email, password: 'brand new 🔐 secret' }));
    expect(session.user.id).toBe(agent.id);
  });

  it('setting a password on a user who cannot log in clashes with a login email elsewhere', async () => {
    const mirrored = await world.seedUser(aUser().inTenant(tenantId).withoutPassword().build());
    await world.seedUser(aUser().inTenant((await world.seedTenant()).id).withEmail(mirrored.email.toUpperCase()).build());
    expect(await failureOf(update({ password: 'long enough pw' }, mirrored.id))).toEqual(new EmailTaken({ email: mirrored.email }));
    expect((await world.storedUser(mirrored))?.passwordHash).toBeNull();
  });

  it('is for admins only', async () => {
    expect(await failureOf(update({ name: 'x' }, agent.id, actorOf(agent)))).toEqual(new Forbidden({ action: 'users.manage' }));
  });

  it.each<[string, Omit<UpdateUserInput, 'id'>]>([
    ['max_customers', { maxCustomers: 1001 }],
    ['max_customers', { maxCustomers: -1 }],
    ['name', { name: '' }],
    ['password', { password: 'short' }],
  ])('refuses a bad %s before looking the user up', async (path, input) => {
    const error = await failureOf(update(input, newId()));
    expect(error).toBeInstanceOf(InvalidInput);
    expect((error as InvalidInput).path).toBe(path);
  });

  it.each<[string, Omit<UpdateUserInput, 'id'>]>([
    ['role', { role: 'agent' }],
    ['active', { active: false }],
  ])('refuses an admin changing their own %s, and changes nothing', async (path, input) => {
    const error = await failureOf(update(input, admin.id));
    expect(error).toEqual(new InvalidInput({ path, message: expect.any(String) as unknown as string }));
    expect(await world.storedUser(admin)).toEqual(admin);
    expect(await run(update({ name: 'Still me', role: 'admin', active: true }, admin.id))).toMatchObject({ name: 'Still me' });
  });

  it('answers a foreign id like a missing one, and changes nothing there', async () => {
    const stranger = await world.seedUser(aUser().inTenant((await world.seedTenant()).id).build());
    expect(await failureOf(update({ active: false }, stranger.id))).toEqual(new NotFound({ entity: 'user' }));
    expect(await failureOf(update({ active: false }, newId()))).toEqual(new NotFound({ entity: 'user' }));
    expect(await world.storedUser(stranger)).toEqual(stranger);
  });
});
