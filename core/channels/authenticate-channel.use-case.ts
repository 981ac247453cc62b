import { Effect } from 'effect';
import type { StoreUnavailable } from '../shared/errors.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import type { Channel } from './channel.ts';
import { ChannelUnauthenticated } from './channels.errors.ts';
import type { ChannelSignatureVerifier } from './secret.port.ts';

export interface AuthenticateChannelInput {
  readonly key: string | undefined;
  /** The request body exactly as received: the signature covers these bytes. */
  readonly rawBody: Uint8Array;
  readonly signature: string | undefined;
}

/** Finds a webhook's channel by key and checks the body's signature; unknown key and bad signature look alike. */
export class AuthenticateChannelUseCase {
  readonly #uow: UnitOfWork;
  readonly #verifier: ChannelSignatureVerifier;

  constructor(deps: { readonly uow: UnitOfWork; readonly verifier: ChannelSignatureVerifier }) {
    this.#uow = deps.uow;
    this.#verifier = deps.verifier;
  }

  execute(input: AuthenticateChannelInput): Effect.Effect<Channel, ChannelUnauthenticated | StoreUnavailable> {
    const { key } = input;
    if (key === undefined || key === '') return Effect.fail(new ChannelUnauthenticated());
    return this.#uow.read((store) => store.channels.findByKey(key)).pipe(
      Effect.flatMap((channel) =>
        channel !== null && this.#verifier.verify(channel.secret, input.rawBody, input.signature)
          ? Effect.succeed(channel)
          : Effect.fail(new ChannelUnauthenticated()),
      ),
    );
  }
}
