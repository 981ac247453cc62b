import { Effect } from 'effect';
import { RetryableJobFailure } from '../../core/shared/errors.ts';
import type { DomainEvent } from '../../core/shared/events.ts';
import type { EventHandler } from '../../core/shared/outbox.port.ts';

/** A recording handler: fails its first `failures` calls per event (or every call when `always`), records the rest. */
export const aHandler = (name = 'recorder') => {
  let failures = 0;
  let always = false;
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
            const outcome = fail
              ? Effect.fail(new RetryableJobFailure({ reason: `${name} refused ${event.id}` }))
              : Effect.sync(() => void handled.push(event));
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
