import { Effect } from 'effect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefreshToken } from '../../../core/access/refresh-token.ts';
import { accessEpoch, aRefreshToken, aTenantNamed, aUser, newId } from '../../support/access-builders.ts';
import type { ContractEnv, ContractEnvFactory } from '../contract-env.ts';

export const refreshTokenRepositoryContract = (makeEnv: ContractEnvFactory): void => {
  describe('RefreshTokenRepository contract', () => {
    let env: ContractEnv;
    beforeAll(async () => {
      env = await makeEnv();
    });
    afterAll(async () => {
      await env.close();
    });

    const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect);
    const later = (ms: number) => new Date(accessEpoch.getTime() + ms);
    const insert = (token: RefreshToken) => run(env.uow.transaction((s) => s.refreshTokens.insert(token)));
    const find = (token: RefreshToken) => run(env.uow.read((s) => s.refreshTokens.findByHash(token.tokenHash)));
    const spend = (token: RefreshToken, at = later(1)) => run(env.uow.transaction((s) => s.refreshTokens.spend(token.tokenHash, at)));
    /** A stored user (in a fresh tenant unless given), so stores with foreign keys accept the tokens. */
    const owner = async (tenantId?: string) => {
      let tenant = tenantId;
      if (tenant === undefined) {
        const created = aTenantNamed().build();
        await run(env.uow.transaction((s) => s.tenants.insert(created)));
        tenant = created.id;
      }
      const user = aUser().inTenant(tenant).withoutPassword().build();
      await run(env.uow.transaction((s) => s.users.insert(user)));
      return user;
    };

    it('stores a token and finds it by hash', async () => {
      const token = aRefreshToken().of(await owner()).build();
      await insert(token);
      expect(await find(token)).toEqual(token);
      expect(await run(env.uow.read((s) => s.refreshTokens.findByHash(`unknown-${newId()}`)))).toBeNull();
    });

    it('spends a token once', async () => {
      const token = aRefreshToken().of(await owner()).build();
      await insert(token);
      expect(await spend(token, later(5))).toBe(true);
      expect(await spend(token, later(6))).toBe(false);
      expect(await find(token)).toEqual({ ...token, spentAt: later(5) });
    });

    it('does not spend a revoked or unknown token', async () => {
      const revoked = aRefreshToken().of(await owner()).revokedAt(later(1)).build();
      await insert(revoked);
      expect(await spend(revoked)).toBe(false);
      expect((await find(revoked))?.spentAt).toBeNull();
      expect(await spend(aRefreshToken().build())).toBe(false);
    });

    it('lets exactly one of many concurrent spends win', async () => {
      const token = aRefreshToken().of(await owner()).build();
      await insert(token);
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => spend(token, later(10 + i))));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('revokes a whole family and nothing else', async () => {
      const user = await owner();
      const familyId = newId();
      const family = [aRefreshToken().of(user).inFamily(familyId).spentAt(later(1)).build(), aRefreshToken().of(user).inFamily(familyId).build()];
      const other = aRefreshToken().of(user).build();
      for (const token of [...family, other]) await insert(token);
      await run(env.uow.transaction((s) => s.refreshTokens.revokeFamily(familyId, later(7))));
      for (const token of family) expect((await find(token))?.revokedAt).toEqual(later(7));
      expect(await find(other)).toEqual(other);
      expect(await spend(family[1] as RefreshToken)).toBe(false);
    });

    it('revokes every token of one user in one tenant, and nobody else’s', async () => {
      const user = await owner();
      const mine = [aRefreshToken().of(user).build(), aRefreshToken().of(user).build()];
      const stranger = aRefreshToken().of(await owner()).build();
      const colleague = aRefreshToken().of(await owner(user.tenantId)).build();
      for (const token of [...mine, stranger, colleague]) await insert(token);
      await run(env.uow.transaction((s) => s.refreshTokens.revokeAllOfUser(user.tenantId, user.id, later(9))));
      for (const token of mine) expect((await find(token))?.revokedAt).toEqual(later(9));
      expect(await find(stranger)).toEqual(stranger);
      expect(await find(colleague)).toEqual(colleague);
    });
  });
};
