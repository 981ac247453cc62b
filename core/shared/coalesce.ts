import { Effect } from 'effect';

/**
 * Runs at most one `work` per key at a time in this process; a call that arrives while one runs makes
 * that one run once more when it ends and returns at once. A burst of triggers for one tenant thus
 * becomes one or two passes instead of one per trigger, and nothing asked for is skipped.
 */
export const coalesceByKey = () => {
  const running = new Map<string, { again: boolean }>();
  return <E>(key: string, work: Effect.Effect<void, E>): Effect.Effect<void, E> =>
    Effect.suspend(() => {
      const current = running.get(key);
      if (current !== undefined) {
        current.again = true;
        return Effect.void;
      }
      const state = { again: false };
      running.set(key, state);
      const passes = Effect.gen(function* () {
        do {
          state.again = false;
          yield* work;
        } while (state.again);
      });
      return passes.pipe(Effect.ensuring(Effect.sync(() => running.delete(key))));
    });
};
