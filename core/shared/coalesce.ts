import { Deferred, Effect } from 'effect';

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

interface Waiting<I, E> {
  readonly item: I;
  readonly done: Deferred.Deferred<void, E>;
}

/**
 * Like `coalesceByKey`, but every call waits for the pass that covered it and each pass is handed the
 * items asked for since the previous one: while a pass runs for a key, further calls only queue their
 * item; when it ends, one next pass takes every queued item. N calls during a pass thus cost two passes,
 * not N, and a call returns (or fails) with the pass that took its item, so a job is acknowledged only
 * after its work. The first pass runs on the first caller's fiber; later ones on a fiber of their own,
 * uninterruptibly: a caller waits for its own pass only, and no waiting caller is left without one.
 */
export const batchByKey = <I>() => {
  const queues = new Map<string, Array<Waiting<I, unknown>>>();
  return <E>(key: string, item: I, work: (items: ReadonlyArray<I>) => Effect.Effect<void, E>): Effect.Effect<void, E> =>
    Effect.suspend(() => {
      const done = Deferred.makeUnsafe<void, E>();
      const queued = queues.get(key);
      if (queued !== undefined) {
        queued.push({ item, done } as Waiting<I, unknown>);
        return Deferred.await(done);
      }
      const queue: Array<Waiting<I, unknown>> = [{ item, done } as Waiting<I, unknown>];
      queues.set(key, queue);
      const pass = Effect.gen(function* () {
        const taken = queue.splice(0, queue.length);
        const exit = yield* Effect.exit(work(taken.map((w) => w.item)));
        for (const w of taken) Deferred.doneUnsafe(w.done as Deferred.Deferred<void, E>, exit);
        // Checked and removed in one synchronous step: a call either joined this queue or finds none.
        if (queue.length === 0) queues.delete(key);
        return queue.length > 0;
      });
      const rest: Effect.Effect<void> = Effect.gen(function* () {
        while (yield* pass);
      });
      // The first pass runs on the caller's fiber; only calls that joined meanwhile get a fiber of their own for the next passes.
      return Effect.uninterruptible(pass).pipe(
        Effect.flatMap((more) => (more ? Effect.asVoid(Effect.forkDetach(Effect.uninterruptible(rest))) : Effect.void)),
        Effect.andThen(Deferred.await(done)),
      );
    });
};
