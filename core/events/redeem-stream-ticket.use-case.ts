import { Effect } from 'effect';
import { Unauthenticated } from '../access/access.errors.ts';
import type { RefreshTokenFactory } from '../access/credentials.port.ts';
import type { Actor } from '../shared/actor.ts';
import type { StoreUnavailable } from '../shared/errors.ts';
import type { Clock } from '../shared/ports.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';

export interface RedeemStreamTicketDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly tokens: Pick<RefreshTokenFactory, 'hash'>;
}

/** Stream ticket → actor, once: a spent, expired or unknown ticket, or a user deactivated since, is `Unauthenticated`. */
export class RedeemStreamTicketUseCase {
  readonly #deps: RedeemStreamTicketDeps;

  constructor(deps: RedeemStreamTicketDeps) {
    this.#deps = deps;
  }

  execute(ticket: string): Effect.Effect<Actor, Unauthenticated | StoreUnavailable> {
    const { uow, clock, tokens } = this.#deps;
    return Effect.gen(function* () {
      const holder = yield* uow.transaction((store) => store.streamTickets.consume(tokens.hash(ticket), clock.now()));
      if (holder === null) return yield* new Unauthenticated();
      const user = yield* uow.read((store) => store.users.get(holder.tenantId, holder.userId));
      if (user === null || !user.active) return yield* new Unauthenticated();
      return { userId: user.id, tenantId: user.tenantId, role: user.role };
    });
  }
}
