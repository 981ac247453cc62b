import { Effect, Result } from 'effect';
import { beforeEach, describe, expect, it } from 'vitest';
import { InvalidRefreshToken } from '../../../core/access/access.errors.ts';
import { LoginUseCase } from '../../../core/access/login.use-case.ts';
import { RefreshUseCase } from '../../../core/access/refresh.use-case.ts';
import type { Session } from '../../../core/access/session.ts';
import type { User } from '../../../core/access/user.ts';
import { aUser } from '../../support/access-builders.ts';
import { accessTtl, accessWorld, failureOf, goodPassword, refreshTtl, run, type AccessWorld } from './access-world.ts';

describe('RefreshUseCase', () => {
  let world: AccessWorld;
  let refresh: RefreshUseCase;
  let user: User;
  let session: Session;

  beforeEach(async () => {
    world = accessWorld();
    refresh = new RefreshUseCase(world.deps);
    const tenant = await world.seedTenant();
    user = await world.seedUser(aUser().inTenant(tenant.id).agent().build());
    session = await run(new LoginUseCase(world.deps).execute({ email: user.email, password: goodPassword }));
  });

  const deactivate = () =>
    run(world.uow.transaction((store) => store.users.update({ ...user, active: false })));

  it('rotates: a new refresh token in the same family, the old one spent, a fresh access token', async () => {
    world.clock.advance(60);
    const next = await run(refresh.execute({ refreshToken: session.refreshToken }));
    expect(next.refreshToken).not.toBe(session.refreshToken);
    expect(next.expiresIn).toBe(accessTtl);
    expect(next.user).toEqual(user);
    expect(world.accessTokens.verify(next.accessToken, world.clock.now())).toEqual({ userId: user.id, tenantId: user.tenantId, role: 'agent', expiresAt: new Date(Math.floor(world.clock.now().getTime() / 1000) * 1000 + accessTtl * 1000) });
    const old = await world.storedToken(session.refreshToken);
    const fresh = await world.storedToken(next.refreshToken);
    expect(old?.spentAt).toEqual(world.clock.now());
    expect(fresh).toMatchObject({ familyId: old?.familyId, spentAt: null, revokedAt: null, expiresAt: old?.expiresAt });
  });

  it('never extends the family: refresh_expires_in counts down to the login-time end', async () => {
    world.clock.advance(3600);
    const second = await run(refresh.execute({ refreshToken: session.refreshToken }));
    expect(second.refreshExpiresIn).toBe(refreshTtl - 3600);
    world.clock.advance(86_400);
    const third = await run(refresh.execute({ refreshToken: second.refreshToken }));
    expect(third.refreshExpiresIn).toBe(refreshTtl - 3600 - 86_400);
  });

  it('refuses a token of an expired family, however recently it was rotated', async () => {
    world.clock.advance(refreshTtl - 10);
    const late = await run(refresh.execute({ refreshToken: session.refreshToken }));
    expect(late.refreshExpiresIn).toBe(10);
    world.clock.advance(10);
    expect(await failureOf(refresh.execute({ refreshToken: late.refreshToken }))).toEqual(new InvalidRefreshToken());
  });

  it('treats reuse of a spent token as theft: refuses it and revokes the whole family', async () => {
    const next = await run(refresh.execute({ refreshToken: session.refreshToken }));
    expect(await failureOf(refresh.execute({ refreshToken: session.refreshToken }))).toEqual(new InvalidRefreshToken());
    expect((await world.storedToken(next.refreshToken))?.revokedAt).toEqual(world.clock.now());
    expect(await failureOf(refresh.execute({ refreshToken: next.refreshToken }))).toEqual(new InvalidRefreshToken());
  });

  it('leaves other families of the same user alone on reuse', async () => {
    const other = await run(new LoginUseCase(world.deps).execute({ email: user.email, password: goodPassword }));
    await run(refresh.execute({ refreshToken: session.refreshToken }));
    await failureOf(refresh.execute({ refreshToken: session.refreshToken }));
    expect(Result.isSuccess(await run(Effect.result(refresh.execute({ refreshToken: other.refreshToken }))))).toBe(true);
  });

  it('refuses an unknown token', async () => {
    expect(await failureOf(refresh.execute({ refreshToken: 'not-a-token-we-issued' }))).toEqual(new InvalidRefreshToken());
  });

  it('refuses the token of a deactivated user', async () => {
    await deactivate();
    expect(await failureOf(refresh.execute({ refreshToken: session.refreshToken }))).toEqual(new InvalidRefreshToken());
  });

  it('gives exactly one success to ten parallel refreshes of one token', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 10 }, () => run(Effect.result(refresh.execute({ refreshToken: session.refreshToken })))),
    );
    const wins = attempts.filter(Result.isSuccess);
    expect(wins).toHaveLength(1);
    expect(attempts.filter(Result.isFailure).map((r) => r.failure)).toEqual(Array(9).fill(new InvalidRefreshToken()));
  });
});
