import { Effect } from 'effect';
import { authorize } from '../access/permissions.ts';
import type { Actor } from '../shared/actor.ts';
import type { Forbidden, InvalidInput, StoreUnavailable } from '../shared/errors.ts';
import type { Clock, IdGenerator } from '../shared/ports.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import type { Channel } from './channel.ts';
import { createChannel } from './channel.ops.ts';
import type { SecretGenerator } from './secret.port.ts';

export interface CreateChannelDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** The public channel keys. */
  readonly keys: SecretGenerator;
  /** The signing secrets (`whsec_…`). */
  readonly secrets: SecretGenerator;
}

/** Creates a signed inbound channel with a random key and secret (admin); the only time the secret is returned. */
export class CreateChannelUseCase {
  readonly #deps: CreateChannelDeps;

  constructor(deps: CreateChannelDeps) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(input: { readonly name: string }, actor: Actor): Effect.Effect<Channel, Forbidden | InvalidInput | StoreUnavailable> {
    const { uow, clock, ids, keys, secrets } = this.#deps;
    return Effect.gen(function* () {
      yield* authorize(actor, 'channels.manage');
      const channel = yield* Effect.fromResult(
        createChannel({ id: ids.next(), tenantId: actor.tenantId, name: input.name, key: keys.next(), secret: secrets.next(), now: clock.now() }),
      );
      yield* uow.transaction((store) => store.channels.insert(channel));
      return channel;
    });
  }
}
