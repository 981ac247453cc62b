import { Effect } from 'effect';
import type { Actor } from '../shared/actor.ts';
import { domainEvent } from '../shared/events.ts';
import { type Forbidden, NotFound, type StoreUnavailable } from '../shared/errors.ts';
import type { Clock, IdGenerator } from '../shared/ports.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { authorize } from './permissions.ts';
import { setAvailability } from './user.ops.ts';
import type { Availability, User } from './user.ts';

export interface SetAvailabilityInput {
  readonly availability: Availability;
}

export interface SetAvailabilityDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** A staff user goes online or offline; only a real change is announced (it may let the queue drain). */
export class SetAvailabilityUseCase {
  readonly #deps: SetAvailabilityDeps;

  constructor(deps: SetAvailabilityDeps) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(input: SetAvailabilityInput, actor: Actor): Effect.Effect<User, Forbidden | NotFound | StoreUnavailable> {
    const { uow, clock, ids } = this.#deps;
    return Effect.gen(function* () {
      yield* authorize(actor, 'availability.set_own');
      return yield* uow.transaction((store) =>
        Effect.gen(function* () {
          const before = yield* store.users.get(actor.tenantId, actor.userId);
          if (before === null) return yield* new NotFound({ entity: 'user' });
          const now = clock.now();
          const after = setAvailability(before, input.availability, now);
          if (after === before) return before;
          yield* store.users.update(after).pipe(Effect.catchTag('DuplicateKey', (e) => Effect.die(e)));
          const meta = { id: ids.next(), tenantId: after.tenantId, occurredAt: now };
          yield* store.outbox.append([
            domainEvent('agent.availability_changed', meta, { agentId: after.id, availability: after.availability }),
          ]);
          return after;
        }),
      );
    });
  }
}
