import { Effect } from 'effect';
import { Unauthenticated } from '../access/access.errors.ts';
import type { Actor } from '../shared/actor.ts';
import type { StoreUnavailable } from '../shared/errors.ts';
import type { Clock, IdGenerator } from '../shared/ports.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import type { StreamLease } from './stream-access.port.ts';
import { TooManyStreams } from './stream.errors.ts';

export interface ClaimStreamDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Concurrent streams per user (`EVENT_STREAMS_PER_USER`). */
  readonly streamsPerUser: number;
  /** How long a lease lives without a renewal (a few heartbeats), so a crashed process's streams stop counting. */
  readonly leaseMs: number;
}

/**
 * A lease for one more stream of the actor, counted across every API process: counting and inserting
 * run in the tenant's exclusive section, so two opens at once cannot both take the last place. A stream
 * ends when its credential runs out (`until`), so a credential already out (in the token's clock leeway)
 * opens none.
 */
export class ClaimStreamUseCase {
  readonly #deps: ClaimStreamDeps;

  constructor(deps: ClaimStreamDeps) {
    this.#deps = deps;
  }

  execute(actor: Actor, until: Date | null = null): Effect.Effect<StreamLease, TooManyStreams | Unauthenticated | StoreUnavailable> {
    const { uow, clock, ids, streamsPerUser, leaseMs } = this.#deps;
    if (until !== null && until.getTime() <= clock.now().getTime()) return Effect.fail(new Unauthenticated());
    return uow.exclusive(actor.tenantId, (store) =>
      Effect.gen(function* () {
        const now = clock.now();
        yield* store.streamLeases.dropExpired(actor.tenantId, actor.userId, now);
        const alive = yield* store.streamLeases.alive(actor.tenantId, actor.userId, now);
        if (alive.length >= streamsPerUser) {
          const soonest = Math.min(...alive.map((l) => l.expiresAt.getTime()));
          return yield* new TooManyStreams({ retryAfterSeconds: Math.max(1, Math.ceil((soonest - now.getTime()) / 1000)) });
        }
        const lease = { id: ids.next(), tenantId: actor.tenantId, userId: actor.userId, expiresAt: new Date(now.getTime() + leaseMs) };
        yield* store.streamLeases.insert(lease);
        return lease;
      }),
    );
  }
}
