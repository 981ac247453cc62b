import { Effect } from 'effect';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RateCounter } from '../../../core/shared/rate-counter.port.ts';

/** A counter on a clock the test moves (`now` is read on every call). */
export type RateCounterFactory = (now: () => number) => Promise<{ readonly counter: RateCounter; close(): Promise<void> }>;

const run = Effect.runPromise;

export const rateCounterContract = (make: RateCounterFactory): void => {
  describe('RateCounter contract', () => {
    let now = Date.UTC(2030, 0, 1);
    let env: Awaited<ReturnType<RateCounterFactory>>;
    let key: string;
    beforeEach(async () => {
      now = Date.UTC(2030, 0, 1);
      env = await make(() => now);
      key = `key-${Math.random()}`;
    });
    afterEach(() => env.close());

    it('counts up to the limit, then refuses without counting, until the window that opened at the first count ends', async () => {
      const taken = [];
      for (let i = 0; i < 5; i++) taken.push(await run(env.counter.take(key, 3, 10_000)));
      expect(taken.map((t) => t.counted)).toEqual([true, true, true, false, false]);
      expect(taken.map((t) => t.resetInMs)).toEqual([10_000, 10_000, 10_000, 10_000, 10_000]);
      now += 9_999;
      expect(await run(env.counter.take(key, 3, 10_000))).toEqual({ counted: false, resetInMs: 1 });
      now += 1;
      expect(await run(env.counter.take(key, 3, 10_000))).toEqual({ counted: true, resetInMs: 10_000 });
    });

    it('keeps keys apart', async () => {
      expect((await run(env.counter.take(key, 1, 1_000))).counted).toBe(true);
      expect((await run(env.counter.take(key, 1, 1_000))).counted).toBe(false);
      expect((await run(env.counter.take(`${key}-other`, 1, 1_000))).counted).toBe(true);
    });

    it('gives back one count (never below zero) and clears a key', async () => {
      await run(env.counter.giveBack(key));
      for (let i = 0; i < 2; i++) await run(env.counter.take(key, 2, 1_000));
      await run(env.counter.giveBack(key));
      expect((await run(env.counter.take(key, 2, 1_000))).counted).toBe(true);
      expect((await run(env.counter.take(key, 2, 1_000))).counted).toBe(false);
      await run(env.counter.clear(key));
      expect((await run(env.counter.take(key, 2, 1_000))).counted).toBe(true);
    });

    it('counts exactly the limit when 50 attempts arrive at once', async () => {
      const taken = await Promise.all(Array.from({ length: 50 }, () => run(env.counter.take(key, 5, 60_000))));
      expect(taken.filter((t) => t.counted)).toHaveLength(5);
    });
  });
};
