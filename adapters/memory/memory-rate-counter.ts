import { Effect } from 'effect';
import type { RateCounter, Taken } from '../../core/shared/rate-counter.port.ts';

interface Window {
  points: number;
  readonly endsAt: number;
}

/** This process's counters: the store of a single process (SQLite, tests). Expired keys are swept as new ones arrive. */
export class MemoryRateCounter implements RateCounter {
  readonly #windows = new Map<string, Window>();
  readonly #now: () => number;
  #sweepAt = 1024;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  take(key: string, limit: number, windowMs: number): Effect.Effect<Taken> {
    return Effect.sync(() => {
      const now = this.#now();
      const window = this.#live(key, now);
      if (window === undefined) {
        if (limit < 1) return { counted: false, resetInMs: windowMs };
        this.#sweep(now);
        this.#windows.set(key, { points: 1, endsAt: now + windowMs });
        return { counted: true, resetInMs: windowMs };
      }
      const counted = window.points < limit;
      if (counted) window.points += 1;
      return { counted, resetInMs: window.endsAt - now };
    });
  }

  giveBack(key: string): Effect.Effect<void> {
    return Effect.sync(() => {
      const window = this.#live(key, this.#now());
      if (window !== undefined && window.points > 0) window.points -= 1;
    });
  }

  clear(key: string): Effect.Effect<void> {
    return Effect.sync(() => void this.#windows.delete(key));
  }

  /** How many keys are held (expired ones until the next sweep). */
  get size(): number {
    return this.#windows.size;
  }

  #live(key: string, now: number): Window | undefined {
    const window = this.#windows.get(key);
    return window !== undefined && window.endsAt > now ? window : undefined;
  }

  // Amortized: a full pass only when the map has doubled since the last one.
  #sweep(now: number): void {
    if (this.#windows.size < this.#sweepAt) return;
    for (const [key, window] of this.#windows) if (window.endsAt <= now) this.#windows.delete(key);
    this.#sweepAt = Math.max(1024, this.#windows.size * 2);
  }
}
