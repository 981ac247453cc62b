import { beforeEach, describe, expect, it } from 'vitest';
import { Unauthenticated } from '../../../core/access/access.errors.ts';
import { AuthenticateUseCase } from '../../../core/access/authenticate.use-case.ts';
import type { User } from '../../../core/access/user.ts';
import { aUser, newId } from '../../support/access-builders.ts';
import { accessTtl, accessWorld, failureOf, run, type AccessWorld } from './access-world.ts';

describe('AuthenticateUseCase', () => {
  let world: AccessWorld;
  let authenticate: AuthenticateUseCase;
  let user: User;
  const tokenFor = (claims: Partial<{ userId: string; tenantId: string; role: 'admin' | 'agent' }> = {}) =>
    world.accessTokens.issue({ userId: user.id, tenantId: user.tenantId, role: user.role, ...claims }, world.clock.now()).token;

  beforeEach(async () => {
    world = accessWorld();
    authenticate = new AuthenticateUseCase(world.deps);
    user = await world.seedUser(aUser().inTenant((await world.seedTenant()).id).admin().build());
  });

  it('turns a valid token into the stored user’s actor', async () => {
    expect(await run(authenticate.execute(tokenFor()))).toEqual({ userId: user.id, tenantId: user.tenantId, role: 'admin', expiresAt: new Date(Math.floor(world.clock.now().getTime() / 1000) * 1000 + accessTtl * 1000) });
  });

  it('refuses a token that does not verify', async () => {
    expect(await failureOf(authenticate.execute('garbage'))).toEqual(new Unauthenticated());
  });

  it('refuses an expired token', async () => {
    const token = tokenFor();
    world.clock.advance(accessTtl + 31);
    expect(await failureOf(authenticate.execute(token))).toEqual(new Unauthenticated());
  });

  it('refuses at once when the user has been deactivated', async () => {
    const token = tokenFor();
    await run(world.uow.transaction((store) => store.users.update({ ...user, active: false })));
    expect(await failureOf(authenticate.execute(token))).toEqual(new Unauthenticated());
  });

  it('acts with the stored role when it changed after the token was issued', async () => {
    const token = tokenFor();
    await run(world.uow.transaction((store) => store.users.update({ ...user, role: 'agent' })));
    expect(await run(authenticate.execute(token))).toEqual({ userId: user.id, tenantId: user.tenantId, role: 'agent', expiresAt: expect.any(Date) });
  });

  it('refuses a token naming another tenant or an unknown user', async () => {
    expect(await failureOf(authenticate.execute(tokenFor({ tenantId: newId() })))).toEqual(new Unauthenticated());
    expect(await failureOf(authenticate.execute(tokenFor({ userId: newId() })))).toEqual(new Unauthenticated());
  });
});
