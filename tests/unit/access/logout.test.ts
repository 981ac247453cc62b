import { beforeEach, describe, expect, it } from 'vitest';
import { InvalidRefreshToken } from '../../../core/access/access.errors.ts';
import { LoginUseCase } from '../../../core/access/login.use-case.ts';
import { LogoutUseCase } from '../../../core/access/logout.use-case.ts';
import { RefreshUseCase } from '../../../core/access/refresh.use-case.ts';
import type { User } from '../../../core/access/user.ts';
import { aUser } from '../../support/access-builders.ts';
import { accessWorld, failureOf, goodPassword, run, type AccessWorld } from './access-world.ts';

describe('LogoutUseCase', () => {
  let world: AccessWorld;
  let logout: LogoutUseCase;
  let user: User;
  const login = () => run(new LoginUseCase(world.deps).execute({ email: user.email, password: goodPassword }));

  beforeEach(async () => {
    world = accessWorld();
    logout = new LogoutUseCase(world.deps);
    user = await world.seedUser(aUser().inTenant((await world.seedTenant()).id).build());
  });

  it('revokes the whole family of the token, including tokens rotated from it', async () => {
    const refresh = new RefreshUseCase(world.deps);
    const first = await login();
    const rotated = await run(refresh.execute({ refreshToken: first.refreshToken }));
    await run(logout.execute({ refreshToken: first.refreshToken }));
    expect((await world.storedToken(rotated.refreshToken))?.revokedAt).toEqual(world.clock.now());
    expect(await failureOf(refresh.execute({ refreshToken: rotated.refreshToken }))).toEqual(new InvalidRefreshToken());
  });

  it('leaves the user’s other logins alone', async () => {
    const first = await login();
    const second = await login();
    await run(logout.execute({ refreshToken: first.refreshToken }));
    expect((await world.storedToken(second.refreshToken))?.revokedAt).toBeNull();
  });

  it('accepts an unknown or already revoked token without error', async () => {
    const first = await login();
    await run(logout.execute({ refreshToken: first.refreshToken }));
    await expect(run(logout.execute({ refreshToken: first.refreshToken }))).resolves.toBeUndefined();
    await expect(run(logout.execute({ refreshToken: 'never-issued' }))).resolves.toBeUndefined();
  });
});
