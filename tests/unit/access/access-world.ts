import { Effect, Result } from 'effect';
import { Argon2PasswordHasher } from '../../../adapters/crypto/argon2-password-hasher.ts';
import { JwtAccessTokenIssuer } from '../../../adapters/crypto/jwt-access-token-issuer.ts';
import { RandomRefreshTokenFactory } from '../../../adapters/crypto/random-refresh-token-factory.ts';
import { uuidV7Ids } from '../../../adapters/system/index.ts';
import { MemoryUnitOfWork } from '../../../adapters/memory/memory-unit-of-work.ts';
import type { PasswordHasher } from '../../../core/access/credentials.port.ts';
import type { User } from '../../../core/access/user.ts';
import type { DomainEvent } from '../../../core/shared/events.ts';
import type { Tenant } from '../../../core/tenancy/tenant.ts';
import { aTenantNamed, manualClock } from '../../support/access-builders.ts';

export const jwtSecret = 'a-test-secret-that-is-32-bytes!!';
export const accessTtl = 900;
export const refreshTtl = 14 * 86_400;
export const goodPassword = 'correct horse 🐎 battery';

export const run = <A, E>(effect: Effect.Effect<A, E>): Promise<A> => Effect.runPromise(effect);

/** Runs an effect that must fail and returns its error. */
export const failureOf = async <A, E>(effect: Effect.Effect<A, E>): Promise<E> => {
  const result = await Effect.runPromise(Effect.result(effect));
  if (Result.isSuccess(result)) throw new Error(`expected a failure, got ${JSON.stringify(result.success)}`);
  return result.failure;
};

/** The real argon2id hasher, counting how often each operation runs. */
export class CountingHasher implements PasswordHasher {
  readonly calls = { hash: 0, verify: 0, burn: 0 };
  readonly #inner: PasswordHasher;
  constructor(inner: PasswordHasher) {
    this.#inner = inner;
  }
  hash(password: string) {
    this.calls.hash += 1;
    return this.#inner.hash(password);
  }
  verify(hashed: string, password: string) {
    this.calls.verify += 1;
    return this.#inner.verify(hashed, password);
  }
  burn(password: string) {
    this.calls.burn += 1;
    return this.#inner.burn(password);
  }
}

const argon2 = new Argon2PasswordHasher();
let goodHash: Promise<string> | null = null;
export const hashOfGoodPassword = (): Promise<string> => (goodHash ??= run(argon2.hash(goodPassword)));

/** A memory store with the real crypto adapters and a clock that moves only when told. */
export const accessWorld = () => {
  const uow = new MemoryUnitOfWork();
  const clock = manualClock();
  const hasher = new CountingHasher(argon2);
  const accessTokens = new JwtAccessTokenIssuer({ secret: jwtSecret, ttlSeconds: accessTtl });
  const refreshTokens = new RandomRefreshTokenFactory({ ttlSeconds: refreshTtl });
  const deps = { uow, clock, ids: uuidV7Ids, hasher, accessTokens, refreshTokens };
  return {
    ...deps,
    deps,
    seedTenant: async (tenant: Tenant = aTenantNamed().build()): Promise<Tenant> => {
      await run(uow.transaction((store) => store.tenants.insert(tenant)));
      return tenant;
    },
    /** Stores the user; one with a password gets the hash of `goodPassword`. */
    seedUser: async (user: User): Promise<User> => {
      const stored = user.passwordHash === null ? user : { ...user, passwordHash: await hashOfGoodPassword() };
      await run(uow.transaction((store) => store.users.insert(stored)));
      return stored;
    },
    storedUser: (user: Pick<User, 'tenantId' | 'id'>) => run(uow.read((store) => store.users.get(user.tenantId, user.id))),
    storedToken: (token: string) => run(uow.read((store) => store.refreshTokens.findByHash(refreshTokens.hash(token)))),
    events: (tenantId: string): DomainEvent[] =>
      [...uow.db.outbox.values()].sort((a, b) => a.sequence - b.sequence).map((row) => row.event).filter((e) => e.tenantId === tenantId),
  };
};

export type AccessWorld = ReturnType<typeof accessWorld>;
