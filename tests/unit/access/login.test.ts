import { beforeEach, describe, expect, it } from 'vitest';
import { InvalidCredentials } from '../../../core/access/access.errors.ts';
import { LoginUseCase } from '../../../core/access/login.use-case.ts';
import { aUser, uniqueEmail } from '../../support/access-builders.ts';
import { accessTtl, accessWorld, failureOf, goodPassword, refreshTtl, run, type AccessWorld } from './access-world.ts';

describe('LoginUseCase', () => {
  let world: AccessWorld;
  let login: LoginUseCase;
  let tenantId: string;

  beforeEach(async () => {
    world = accessWorld();
    login = new LoginUseCase(world.deps);
    tenantId = (await world.seedTenant()).id;
  });

  it('opens a session: access token for the stored user, a new refresh family with the full lifetime', async () => {
    const user = await world.seedUser(aUser().inTenant(tenantId).admin().build());
    const session = await run(login.execute({ email: user.email, password: goodPassword }));
    expect(session).toMatchObject({ expiresIn: accessTtl, refreshExpiresIn: refreshTtl, user });
    expect(world.accessTokens.verify(session.accessToken, world.clock.now())).toEqual({ userId: user.id, tenantId, role: 'admin', expiresAt: new Date(Math.floor(world.clock.now().getTime() / 1000) * 1000 + accessTtl * 1000) });
    expect(await world.storedToken(session.refreshToken)).toMatchObject({
      userId: user.id, tenantId, spentAt: null, revokedAt: null,
      expiresAt: new Date(world.clock.now().getTime() + refreshTtl * 1000),
    });
  });

  it('compares the email case-insensitively', async () => {
    const user = await world.seedUser(aUser().inTenant(tenantId).withEmail(uniqueEmail('MiXeD')).build());
    const session = await run(login.execute({ email: user.email.toUpperCase(), password: goodPassword }));
    expect(session.user.id).toBe(user.id);
  });

  it('starts a separate family on every login', async () => {
    const user = await world.seedUser(aUser().inTenant(tenantId).build());
    const first = await run(login.execute({ email: user.email, password: goodPassword }));
    const second = await run(login.execute({ email: user.email, password: goodPassword }));
    expect((await world.storedToken(first.refreshToken))?.familyId).not.toBe((await world.storedToken(second.refreshToken))?.familyId);
  });

  it('refuses a wrong password with InvalidCredentials after verifying it', async () => {
    const user = await world.seedUser(aUser().inTenant(tenantId).build());
    expect(await failureOf(login.execute({ email: user.email, password: 'wrong password' }))).toEqual(new InvalidCredentials());
    expect(world.hasher.calls).toMatchObject({ verify: 1, burn: 0 });
  });

  it('refuses an unknown email the same way, burning a hash', async () => {
    expect(await failureOf(login.execute({ email: uniqueEmail('nobody'), password: goodPassword }))).toEqual(new InvalidCredentials());
    expect(world.hasher.calls).toMatchObject({ verify: 0, burn: 1 });
  });

  it('refuses a deactivated user the same way, even with the right password, after verifying it', async () => {
    const user = await world.seedUser(aUser().inTenant(tenantId).inactive().build());
    expect(await failureOf(login.execute({ email: user.email, password: goodPassword }))).toEqual(new InvalidCredentials());
    expect(world.hasher.calls.verify).toBe(1);
  });

  it('refuses a user without a password the same way, burning a hash', async () => {
    const user = await world.seedUser(aUser().inTenant(tenantId).withoutPassword().build());
    expect(await failureOf(login.execute({ email: user.email, password: goodPassword }))).toEqual(new InvalidCredentials());
    expect(world.hasher.calls.burn).toBe(1);
  });

  it('stores no refresh token when login fails', async () => {
    const user = await world.seedUser(aUser().inTenant(tenantId).build());
    await failureOf(login.execute({ email: user.email, password: 'wrong password' }));
    expect(world.uow.db.refreshTokens.size).toBe(0);
  });
});
