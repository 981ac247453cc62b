import { Effect } from 'effect';
import type { StoreUnavailable } from '../shared/errors.ts';
import type { Clock } from '../shared/ports.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import type { RefreshTokenFactory } from './credentials.port.ts';

export interface LogoutInput {
  readonly refreshToken: string;
}

export interface LogoutDeps {
  readonly uow: UnitOfWork;
  readonly refreshTokens: RefreshTokenFactory;
  readonly clock: Clock;
}

/** Ends the login the refresh token belongs to (its whole family); an unknown token is not an error. */
export class LogoutUseCase {
  readonly #deps: LogoutDeps;

  constructor(deps: LogoutDeps) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(input: LogoutInput): Effect.Effect<void, StoreUnavailable> {
    const { uow, refreshTokens, clock } = this.#deps;
    const tokenHash = refreshTokens.hash(input.refreshToken);
    return uow.transaction((store) =>
      Effect.gen(function* () {
        const found = yield* store.refreshTokens.findByHash(tokenHash);
        if (found !== null) yield* store.refreshTokens.revokeFamily(found.familyId, clock.now());
      }),
    );
  }
}
