import { Effect } from 'effect';
import type { RefreshTokenFactory } from '../access/credentials.port.ts';
import type { Actor } from '../shared/actor.ts';
import type { StoreUnavailable } from '../shared/errors.ts';
import type { Clock } from '../shared/ports.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';

/** How long a stream ticket can be redeemed. */
export const streamTicketSeconds = 60;

export interface IssueStreamTicketDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  /** Random opaque tokens and their hash (the refresh tokens' generator). */
  readonly tokens: Pick<RefreshTokenFactory, 'create'>;
}

/** A single-use ticket opening one live-event stream as the actor, stored only as its hash; any API process redeems it. */
export class IssueStreamTicketUseCase {
  readonly #deps: IssueStreamTicketDeps;

  constructor(deps: IssueStreamTicketDeps) {
    this.#deps = deps;
  }

  execute(actor: Actor): Effect.Effect<{ readonly ticket: string; readonly expiresIn: number }, StoreUnavailable> {
    const { uow, clock, tokens } = this.#deps;
    return Effect.suspend(() => {
      const { token, tokenHash } = tokens.create();
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + streamTicketSeconds * 1000);
      return uow
        .transaction((store) =>
          Effect.gen(function* () {
            yield* store.streamTickets.dropExpired(now);
            yield* store.streamTickets.insert({ tokenHash, tenantId: actor.tenantId, userId: actor.userId, expiresAt });
          }),
        )
        .pipe(Effect.as({ ticket: token, expiresIn: streamTicketSeconds }));
    });
  }
}
