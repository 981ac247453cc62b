import { Effect } from 'effect';
import type { StoreUnavailable } from '../shared/errors.ts';
import type { Clock, IdGenerator } from '../shared/ports.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { InvalidCredentials } from './access.errors.ts';
import type { AccessTokenIssuer, PasswordHasher, RefreshTokenFactory } from './credentials.port.ts';
import { openSession, type Session } from './session.ts';

export interface LoginInput {
  readonly email: string;
  readonly password: string;
}

export interface LoginDeps {
  readonly uow: UnitOfWork;
  readonly hasher: PasswordHasher;
  readonly accessTokens: AccessTokenIssuer;
  readonly refreshTokens: RefreshTokenFactory;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** Email and password → a session opening a new refresh family; every failure looks and costs the same. */
export class LoginUseCase {
  readonly #deps: LoginDeps;

  constructor(deps: LoginDeps) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(input: LoginInput): Effect.Effect<Session, InvalidCredentials | StoreUnavailable> {
    const { uow, hasher, accessTokens, refreshTokens, clock, ids } = this.#deps;
    return Effect.gen(function* () {
      const user = yield* uow.read((store) => store.users.findLoginByEmail(input.email));
      if (user === null || user.passwordHash === null) {
        yield* hasher.burn(input.password);
        return yield* new InvalidCredentials();
      }
      const matches = yield* hasher.verify(user.passwordHash, input.password);
      if (!matches || !user.active) return yield* new InvalidCredentials();
      const now = clock.now();
      const refresh = refreshTokens.create();
      const expiresAt = new Date(now.getTime() + refreshTokens.ttlSeconds * 1000);
      yield* uow.transaction((store) =>
        store.refreshTokens.insert({
          tokenHash: refresh.tokenHash,
          familyId: ids.next(),
          tenantId: user.tenantId,
          userId: user.id,
          expiresAt,
          createdAt: now,
          spentAt: null,
          revokedAt: null,
        }),
      );
      return openSession(accessTokens, user, { token: refresh.token, expiresAt }, now);
    });
  }
}
