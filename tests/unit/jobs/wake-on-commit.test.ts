import { Effect } from 'effect';
import { describe, expect, it } from 'vitest';
import { coalesceByKey } from '../../../core/shared/coalesce.ts';
import { domainEvent, type DomainEvent } from '../../../core/shared/events.ts';
import { startInProcessJobs } from '../../../apps/shared/in-process-jobs.ts';
import { openMemoryStore } from '../../../apps/shared/open-store.ts';
import { systemClock } from '../../../adapters/system/index.ts';
import { freshId } from '../../support/allocation-builders.ts';

const silent = { info: () => {}, warn: () => {}, error: () => {} };
const anEvent = (): DomainEvent => domainEvent('settings.changed', { id: freshId(), tenantId: 't1', occurredAt: new Date() }, { maxCustomersPerAgent: 2, autoAssign: true });

describe('wake on commit', () => {
  it('runs a committed event at once, not at the next poll', async () => {
    const store = openMemoryStore();
    const seen: Array<number> = [];
    const handler = { name: 'probe', handles: () => true, handle: () => Effect.sync(() => void seen.push(Date.now())) };
    const jobs = startInProcessJobs({ handlers: [handler], sweeps: [] }, { feed: store.outboxFeed, clock: systemClock, logger: silent, pollIntervalMs: 60_000, commits: store.commits });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const committedAt = Date.now();
    await Effect.runPromise(store.uow.transaction((s) => s.outbox.append([anEvent()])));
    for (let i = 0; i < 100 && seen.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    await jobs.stop();
    expect(seen).toHaveLength(1);
    expect((seen[0] ?? Infinity) - committedAt).toBeLessThan(100);
  });

  it('stays asleep for units of work that appended nothing', async () => {
    const store = openMemoryStore();
    let signals = 0;
    store.commits.subscribe(() => void (signals += 1));
    await Effect.runPromise(store.uow.transaction((s) => s.outbox.append([])));
    await Effect.runPromise(store.uow.exclusive('t1', (s) => s.outbox.append([anEvent()])));
    await Effect.runPromise(Effect.ignore(store.uow.transaction((s) => Effect.andThen(s.outbox.append([anEvent()]), Effect.fail('rolled back')))));
    expect(signals).toBe(1);
  });
});

describe('the commit signal', () => {
  it('passes the events of the unit of work that committed, once, and nothing of one rolled back', async () => {
    const store = openMemoryStore();
    const seen: Array<ReadonlyArray<string>> = [];
    store.commits.subscribe((events) => void seen.push(events.map((e) => e.id)));
    const [a, b, c] = [anEvent(), anEvent(), anEvent()];
    await Effect.runPromise(store.uow.transaction((s) => Effect.andThen(s.outbox.append([a]), s.outbox.append([b]))));
    await Effect.runPromise(Effect.ignore(store.uow.transaction((s) => Effect.andThen(s.outbox.append([c]), Effect.fail('rolled back')))));
    expect(seen).toEqual([[a.id, b.id]]);
  });
});

describe('coalesceByKey', () => {
  it('turns a burst for one key into one run plus one rerun, and keeps keys apart', async () => {
    const coalesced = coalesceByKey();
    const runs: Array<string> = [];
    const work = (key: string) => Effect.andThen(Effect.sleep(20), Effect.sync(() => void runs.push(key)));
    await Promise.all([
      ...Array.from({ length: 10 }, () => Effect.runPromise(coalesced('a', work('a')))),
      Effect.runPromise(coalesced('b', work('b'))),
    ]);
    expect(runs.filter((k) => k === 'a')).toHaveLength(2);
    expect(runs.filter((k) => k === 'b')).toHaveLength(1);
    await Effect.runPromise(coalesced('a', work('a')));
    expect(runs.filter((k) => k === 'a')).toHaveLength(3);
  });
});
