import { Effect } from 'effect';
import type { StoreUnavailable } from '../../core/shared/errors.ts';
import type { RateCounter } from '../../core/shared/rate-counter.port.ts';
import { SlidingWindow } from './sliding-window.ts';

/** Where the login and channel counters live: `shared` when every API process uses the same store. */
export interface RateLimitStore {
  readonly counter: RateCounter;
  readonly shared: boolean;
}

export interface LoginLimits {
  readonly maxFailuresPerAccount: number;
  readonly maxFailuresPerAddress: number;
  readonly windowSeconds: number;
}

const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));
const accountKey = (email: string): string => `login_account:${email.trim().toLowerCase()}`;
const addressKey = (address: string): string => `login_address:${address}`;

/**
 * Failed-login counters per account (email, case-insensitive) and per client address. An attempt is
 * counted BEFORE its password is checked (atomically in the store, so N simultaneous attempts cannot all
 * be checked), and given back when it turns out not to be a failure. A counter store that fails answers
 * like any store failure (503), never lets the attempt through.
 */
export class LoginThrottle {
  readonly #limits: LoginLimits;
  readonly #counter: RateCounter;

  constructor(limits: LoginLimits, counter: RateCounter) {
    this.#limits = limits;
    this.#counter = counter;
  }

  /** Counts this attempt against both limits and returns null, or the seconds to wait when either is reached (nothing counted). */
  admit(email: string, address: string): Effect.Effect<number | null, StoreUnavailable> {
    const windowMs = this.#limits.windowSeconds * 1000;
    const counter = this.#counter;
    const limits = this.#limits;
    return Effect.gen(function* () {
      const account = yield* counter.take(accountKey(email), limits.maxFailuresPerAccount, windowMs);
      if (!account.counted) return seconds(account.resetInMs);
      const client = yield* counter.take(addressKey(address), limits.maxFailuresPerAddress, windowMs).pipe(
        Effect.tapError(() => counter.giveBack(accountKey(email)).pipe(Effect.ignore)),
      );
      if (client.counted) return null;
      yield* counter.giveBack(accountKey(email));
      return seconds(client.resetInMs);
    });
  }

  /** The attempt was not a failure after all (the store failed, say): both counts given back. */
  notFailed(email: string, address: string): Effect.Effect<void, StoreUnavailable> {
    return Effect.all([this.#counter.giveBack(accountKey(email)), this.#counter.giveBack(addressKey(address))], { discard: true });
  }

  /** A success resets the account and gives the address its attempt back. */
  succeeded(email: string, address: string): Effect.Effect<void, StoreUnavailable> {
    return Effect.all([this.#counter.clear(accountKey(email)), this.#counter.giveBack(addressKey(address))], { discard: true });
  }
}

/**
 * At most `perMinute` correctly signed webhook requests per channel in any 60 s. Each process holds an
 * exact sliding window in memory (no I/O when it refuses); with a shared store, a request it admits is
 * also counted there in one statement (fixed 60 s windows), so N processes never admit N × the limit.
 */
export class ChannelThrottle {
  readonly #local: SlidingWindow;
  readonly #perMinute: number;
  readonly #shared: RateCounter | undefined;

  constructor(perMinute: number, shared?: RateCounter) {
    this.#perMinute = perMinute;
    this.#local = new SlidingWindow(perMinute, 60_000);
    this.#shared = shared;
  }

  /** Counts one request; seconds to wait when the channel is over its limit, else null. */
  take(channelId: string): Effect.Effect<number | null, StoreUnavailable> {
    const wait = this.#local.admit(channelId);
    if (wait !== null) return Effect.succeed(seconds(wait));
    if (this.#shared === undefined) return Effect.succeed(null);
    const local = this.#local;
    return this.#shared.take(`channel_webhook:${channelId}`, this.#perMinute, 60_000).pipe(
      Effect.tapError(() => Effect.sync(() => local.release(channelId))),
      Effect.map((taken) => {
        if (taken.counted) return null;
        local.release(channelId);
        return seconds(taken.resetInMs);
      }),
    );
  }

  /** Gives back a request `take` counted that turned out to change nothing (a redelivery). */
  refund(channelId: string): Effect.Effect<void, StoreUnavailable> {
    this.#local.release(channelId);
    return this.#shared === undefined ? Effect.void : this.#shared.giveBack(`channel_webhook:${channelId}`);
  }
}
