import type { Stored } from './errors.ts';

/** The answer of `RateCounter.take`. */
export interface Taken {
  /** True when this attempt was counted (it fits the limit); false when the key is at its limit (nothing counted). */
  readonly counted: boolean;
  /** Milliseconds until the key's window ends (its count starts again from zero then). */
  readonly resetInMs: number;
}

/**
 * Attempt counters per key in a fixed window that opens at the key's first counted attempt. Every
 * operation is atomic in the store, so processes sharing a store never count past a limit together.
 */
export interface RateCounter {
  /** Counts one attempt for `key` only if fewer than `limit` are counted in its window. */
  take(key: string, limit: number, windowMs: number): Stored<Taken>;
  /** Gives back one counted attempt (never below zero); the window keeps its end. */
  giveBack(key: string): Stored<void>;
  /** Forgets the key's count. */
  clear(key: string): Stored<void>;
}
