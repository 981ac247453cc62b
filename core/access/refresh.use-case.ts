import { Effect } from 'effect';
import type { StoreUnavailable } from '../shared/errors.ts';
import type { Clock } from '../shared/ports.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { InvalidRefreshToken } from './access.errors.ts';
import type { AccessTokenIssuer, RefreshTokenFactory } from './credentials.port.ts';
import { openSession, type Session } from './session.ts';
import { canLogin, type User } from './user.ts';

export interface RefreshInput {
  readonly refreshToken: string;
}

export interface RefreshDeps {
  readonly uow: UnitOfWork;
  readonly accessTokens: AccessTokenIssuer;
  readonly refreshTokens: RefreshTokenFactory;
  readonly clock: Clock;
}

type Rotation = { readonly user: User; readonly token: string; readonly expiresAt: Date } | null;

/** Spends a refresh token for a new session in the same family; any reuse revokes the whole family. */
export class RefreshUseCase {
  readonly #deps: RefreshDeps;

  constructor(deps: RefreshDeps) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(input: RefreshInput): Effect.Effect<Session, InvalidRefreshToken | StoreUnavailable> {
    const { uow, accessTokens, refreshTokens, clock } = this.#deps;
    const tokenHash = refreshTokens.hash(input.refreshToken);
    return Effect.gen(function* () {
      const now = clock.now();
      // The transaction commits its revocations and then reports the refusal, so they are not rolled back.
      const rotation: Rotation = yield* uow.transaction((store) =>
        Effect.gen(function* () {
          const found = yield* store.refreshTokens.findByHash(tokenHash);
          if (found === null || found.expiresAt.getTime() <= now.getTime()) return null;
          const spent = yield* store.refreshTokens.spend(tokenHash, now);
          const user = spent ? yield* store.users.get(found.tenantId, found.userId) : null;
          if (user === null || !user.active || !canLogin(user)) {
            yield* store.refreshTokens.revokeFamily(found.familyId, now);
            return null;
          }
          const next = refreshTokens.create();
          yield* store.refreshTokens.insert({
            tokenHash: next.tokenHash,
            familyId: found.familyId,
            tenantId: found.tenantId,
            userId: found.userId,
            expiresAt: found.expiresAt,
            createdAt: now,
            spentAt: null,
            revokedAt: null,
          });
          return { user, token: next.token, expiresAt: found.expiresAt };
        }),
      );
      if (rotation === null) return yield* new InvalidRefreshToken();
      return openSession(accessTokens, rotation.user, rotation, now);
    });
  }
}
