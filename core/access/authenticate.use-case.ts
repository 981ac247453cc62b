import { Effect } from 'effect';
import type { Actor } from '../shared/actor.ts';
import type { StoreUnavailable } from '../shared/errors.ts';
import type { Clock } from '../shared/ports.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { Unauthenticated } from './access.errors.ts';
import type { AccessTokenIssuer } from './credentials.port.ts';

/** The actor a token stands for, and when the token runs out (null when its issuer does not say). */
export interface AuthenticatedActor extends Actor {
  readonly expiresAt: Date | null;
}

export interface AuthenticateDeps {
  readonly uow: UnitOfWork;
  readonly accessTokens: AccessTokenIssuer;
  readonly clock: Clock;
}

/**
 * Access token → actor, checked against the stored user on every request: deactivation bites at once,
 * and the role acted with is the stored one (a role change applies to tokens already issued).
 */
export class AuthenticateUseCase {
  readonly #deps: AuthenticateDeps;

  constructor(deps: AuthenticateDeps) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(accessToken: string): Effect.Effect<AuthenticatedActor, Unauthenticated | StoreUnavailable> {
    const { uow, accessTokens, clock } = this.#deps;
    return Effect.gen(function* () {
      const claims = accessTokens.verify(accessToken, clock.now());
      if (claims === null) return yield* new Unauthenticated();
      const user = yield* uow.read((store) => store.users.get(claims.tenantId, claims.userId));
      if (user === null || !user.active || user.tenantId !== claims.tenantId) {
        return yield* new Unauthenticated();
      }
      return { userId: user.id, tenantId: user.tenantId, role: user.role, expiresAt: claims.expiresAt ?? null };
    });
  }
}
