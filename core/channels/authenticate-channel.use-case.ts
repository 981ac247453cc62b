import { Effect } from 'effect';
import type { StoreUnavailable } from '../shared/errors.ts';
import type { Clock } from '../shared/ports.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import type { Channel, ChannelDelivery } from './channel.ts';
import { redeliveryHorizon } from './channel.ops.ts';
import { ChannelUnauthenticated } from './channels.errors.ts';
import type { ChannelSignatureVerifier, SignedDelivery } from './secret.port.ts';

export interface AuthenticateChannelInput extends SignedDelivery {
  readonly key: string | undefined;
}

export interface AuthenticatedDelivery {
  readonly channel: Channel;
  /** The verified `webhook-id`. */
  readonly deliveryId: string;
  /** The first delivery with this id within 24 hours, when this one repeats it. */
  readonly earlier: ChannelDelivery | null;
}

/**
 * Finds a webhook's channel by key and checks its signature and timestamp (unknown key, bad signature
 * and stale timestamp look alike), then whether the channel already took this delivery id.
 */
export class AuthenticateChannelUseCase {
  readonly #uow: UnitOfWork;
  readonly #verifier: ChannelSignatureVerifier;
  readonly #clock: Clock;

  constructor(deps: { readonly uow: UnitOfWork; readonly verifier: ChannelSignatureVerifier; readonly clock: Clock }) {
    this.#uow = deps.uow;
    this.#verifier = deps.verifier;
    this.#clock = deps.clock;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(input: AuthenticateChannelInput): Effect.Effect<AuthenticatedDelivery, ChannelUnauthenticated | StoreUnavailable> {
    const { key, id } = input;
    if (key === undefined || key === '' || id === undefined) return Effect.fail(new ChannelUnauthenticated());
    const now = this.#clock.now();
    return this.#uow.read((store) =>
      store.channels.findByKey(key).pipe(
        Effect.flatMap((channel): Effect.Effect<AuthenticatedDelivery, ChannelUnauthenticated | StoreUnavailable> =>
          channel !== null && this.#verifier.verify(channel.secret, input, now)
            ? store.channels
                .findDelivery(channel.tenantId, channel.id, id, redeliveryHorizon(now))
                .pipe(Effect.map((earlier) => ({ channel, deliveryId: id, earlier })))
            : Effect.fail(new ChannelUnauthenticated()),
        ),
      ),
    );
  }
}
