import { Effect } from 'effect';
import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { StoreUnavailable } from '../../core/shared/errors.ts';

/** Builds a fixed-window counter; swap in a DB-backed rate-limiter-flexible store for many processes. */
export type LimiterFactory = (options: { readonly keyPrefix: string; readonly points: number; readonly duration: number }) => RateLimiterAbstract;

export const memoryLimiters: LimiterFactory = (options) => new RateLimiterMemory({ ...options });

/** A counter store that fails (DB down, timeout) answers like any store failure (503), never lets the attempt through. */
const counted = <A>(work: () => Promise<A>): Effect.Effect<A, StoreUnavailable> =>
  Effect.tryPromise({ try: work, catch: (cause) => new StoreUnavailable({ cause }) });

export interface LoginLimits {
  readonly maxFailuresPerAccount: number;
  readonly maxFailuresPerAddress: number;
  readonly windowSeconds: number;
}

const blockedFor = async (limiter: RateLimiterAbstract, key: string, max: number): Promise<number | null> => {
  const res = await limiter.get(key);
  return res !== null && res.consumedPoints >= max ? Math.ceil(res.msBeforeNext / 1000) : null;
};

/** Failed-login counters per account (email, case-insensitive) and per client address; only failures count. */
export class LoginThrottle {
  readonly #limits: LoginLimits;
  readonly #accounts: RateLimiterAbstract;
  readonly #addresses: RateLimiterAbstract;

  constructor(limits: LoginLimits, factory: LimiterFactory = memoryLimiters) {
    this.#limits = limits;
    const duration = limits.windowSeconds;
    this.#accounts = factory({ keyPrefix: 'login_account', points: limits.maxFailuresPerAccount, duration });
    this.#addresses = factory({ keyPrefix: 'login_address', points: limits.maxFailuresPerAddress, duration });
  }

  /** Seconds until another attempt is allowed, or null when it is allowed now. */
  retryAfter(email: string, address: string): Effect.Effect<number | null, StoreUnavailable> {
    return counted(async () => {
      const [account, client] = await Promise.all([
        blockedFor(this.#accounts, email.trim().toLowerCase(), this.#limits.maxFailuresPerAccount),
        blockedFor(this.#addresses, address, this.#limits.maxFailuresPerAddress),
      ]);
      return account === null && client === null ? null : Math.max(account ?? 0, client ?? 0, 1);
    });
  }

  failed(email: string, address: string): Effect.Effect<void, StoreUnavailable> {
    return counted(async () => {
      await Promise.all([this.#accounts.penalty(email.trim().toLowerCase(), 1), this.#addresses.penalty(address, 1)]);
    });
  }

  succeeded(email: string): Effect.Effect<void, StoreUnavailable> {
    return counted(async () => {
      await this.#accounts.delete(email.trim().toLowerCase());
    });
  }
}

/** At most `perMinute` correctly signed webhook requests per channel per 60 s window. */
export class ChannelThrottle {
  readonly #limiter: RateLimiterAbstract;

  constructor(perMinute: number, factory: LimiterFactory = memoryLimiters) {
    this.#limiter = factory({ keyPrefix: 'channel_webhook', points: perMinute, duration: 60 });
  }

  /** Counts one request; seconds to wait when the channel is over its limit, else null. */
  take(channelId: string): Effect.Effect<number | null, StoreUnavailable> {
    return counted(async () => {
      try {
        await this.#limiter.consume(channelId, 1);
        return null;
      } catch (rejection) {
        if (rejection instanceof Error) throw rejection;
        return Math.max(1, Math.ceil((rejection as { msBeforeNext: number }).msBeforeNext / 1000));
      }
    });
  }

  /** Gives back a request `take` counted that turned out to change nothing (a redelivery). */
  refund(channelId: string): Effect.Effect<void, StoreUnavailable> {
    return counted(async () => {
      await this.#limiter.reward(channelId, 1);
    });
  }
}
