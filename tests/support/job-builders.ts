import { Effect } from 'effect';
import { PermanentJobFailure, RetryableJobFailure } from '../../core/shared/errors.ts';
import type { DomainEvent } from '../../core/shared/events.ts';
import type { EventHandler } from '../../core/shared/outbox.port.ts';

/** A recording handler: fails its first `failures` calls per event (or every call when `always`), records the rest. */
export const aHandler = (name = 'recorder') => {
  let failures = 0;
  let always = false;
  let failure: 'retryable' | 'permanent' | 'defect' = 'retryable';
  let only: ((event: DomainEvent) => boolean) | null = null;
  let delayMs = 0;
  const builder = {
    failingTimes(count: number) {
      failures = count;
      return builder;
    },
    alwaysFailing() {
      always = true;
      return builder;
    },
    /** Fails every call with a `PermanentJobFailure` (given up on at once). */
    failingPermanently() {
      always = true;
      failure = 'permanent';
      return builder;
    },
    /** Dies on every call: a bug in the handler, given up on at once. */
    defective() {
      always = true;
      failure = 'defect';
      return builder;
    },
    handlingOnly(predicate: (event: DomainEvent) => boolean) {
      only = predicate;
      return builder;
    },
    takingMs(ms: number) {
      delayMs = ms;
      return builder;
    },
    build() {
      const calls: DomainEvent[] = [];
      const handled: DomainEvent[] = [];
      const handler: EventHandler & { calls: DomainEvent[]; handled: DomainEvent[]; callsFor(id: string): number } = {
        name,
        calls,
        handled,
        callsFor: (id) => calls.filter((e) => e.id === id).length,
        handles: (event) => (only ? only(event) : true),
        handle: (event) =>
          Effect.suspend(() => {
            calls.push(event);
            const fail = always || calls.filter((e) => e.id === event.id).length <= failures;
            const reason = `${name} refused ${event.id}`;
            const failed =
              failure === 'defect'
                ? Effect.die(new TypeError(`bug in ${name}`))
                : Effect.fail(failure === 'permanent' ? new PermanentJobFailure({ reason }) : new RetryableJobFailure({ reason }));
            const outcome = fail ? failed : Effect.sync(() => void handled.push(event));
            return delayMs > 0 ? Effect.andThen(Effect.sleep(delayMs), outcome) : outcome;
          }),
      };
      return handler;
    },
  };
  return builder;
};

/** A clock the test moves by hand. */
export const aManualClock = (start = new Date('2030-01-01T00:00:00.000Z')) => {
  let now = start;
  return {
    now: () => now,
    advance(seconds: number) {
      now = new Date(now.getTime() + seconds * 1000);
    },
  };
};
