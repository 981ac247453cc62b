import { Effect } from 'effect';
import { describe, expect, it, vi } from 'vitest';
import { MemoryUnitOfWork } from '../../../adapters/memory/memory-unit-of-work.ts';
import { MemoryOutboxFeed } from '../../../adapters/memory/memory-outbox-feed.ts';
import { InProcessJobRunner, type InProcessJobRunnerOptions } from '../../../adapters/in-process/in-process-job-runner.ts';
import type { JobLogger } from '../../../adapters/in-process/job-logger.ts';
import { StoreUnavailable } from '../../../core/shared/errors.ts';
import type { DomainEvent } from '../../../core/shared/events.ts';
import type { EventHandler, OutboxFeed } from '../../../core/shared/outbox.port.ts';
import { anEvent, someEvents } from '../../support/event-builders.ts';
import { aHandler, aManualClock } from '../../support/job-builders.ts';

const setup = (handlers: ReadonlyArray<EventHandler>, options: Partial<InProcessJobRunnerOptions> = {}) => {
  const uow = new MemoryUnitOfWork();
  const feed = new MemoryOutboxFeed(uow.db);
  const clock = aManualClock();
  const logger: JobLogger & { lines: Array<{ level: string; message: string }> } = {
    lines: [],
    info: (_f, message) => void logger.lines.push({ level: 'info', message }),
    warn: (_f, message) => void logger.lines.push({ level: 'warn', message }),
    error: (_f, message) => void logger.lines.push({ level: 'error', message }),
  };
  const runner = new InProcessJobRunner({ feed, handlers, clock, logger, backoffMs: () => 1, pollIntervalMs: 10, ...options });
  const append = (events: ReadonlyArray<DomainEvent>) => Effect.runPromise(uow.transaction((store) => store.outbox.append(events)));
  const unpublished = async () => {
    clock.advance(3600);
    return (await Effect.runPromise(feed.claim(100, clock.now(), 1))).map((e) => e.event.id);
  };
  return { runner, append, unpublished, clock, logger, feed };
};

describe('InProcessJobRunner', () => {
  it('hands each event, in order, to every handler that handles it and marks the batch published', async () => {
    const all = aHandler('all').build();
    const createdOnly = aHandler('created-only').handlingOnly((e) => e.type === 'ticket.created').build();
    const { runner, append, unpublished } = setup([all, createdOnly]);
    const events = [anEvent().build(), anEvent().ticketCreated().build(), anEvent().build()];
    await append(events);

    expect(await runner.runOnce()).toBe(3);

    expect(all.handled.map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(createdOnly.calls.map((e) => e.id)).toEqual([events[1]?.id]);
    expect(await unpublished()).toEqual([]);
  });

  it('tells its observer what became of each job run: processed, retried, dead-lettered (given up)', async () => {
    const settled: Array<string> = [];
    const observer = { jobSettled: (job: string, outcome: string) => void settled.push(`${job} ${outcome}`) };
    const ok = aHandler('ok').build();
    const flaky = aHandler('flaky').failingTimes(1).build();
    const broken = aHandler('broken').alwaysFailing().build();
    const { runner, append } = setup([ok, flaky, broken], { observer, maxAttempts: 2 });
    await append(someEvents(1));

    await runner.runOnce();

    expect(settled).toEqual(['ok processed', 'flaky retried', 'flaky processed', 'broken retried', 'broken dead_lettered']);
  });

  it('retries a failing job with growing backoff until it succeeds', async () => {
    const flaky = aHandler().failingTimes(2).build();
    const backoffMs = vi.fn((attempt: number) => attempt);
    const { runner, append, unpublished } = setup([flaky], { backoffMs });
    const [event] = someEvents(1);
    await append([event!]);

    await runner.runOnce();

    expect(flaky.callsFor(event!.id)).toBe(3);
    expect(flaky.handled.map((e) => e.id)).toEqual([event?.id]);
    expect(backoffMs.mock.calls.map(([attempt]) => attempt)).toEqual([1, 2]);
    expect(await unpublished()).toEqual([]);
  });

  it('gives up on a poison event after the attempt limit, logs it and goes on with the next', async () => {
    const poisonId = 'poison-event';
    const picky = aHandler().build();
    const poisoned: EventHandler = { ...picky, handle: (e) => (e.id === poisonId ? aHandler().alwaysFailing().build().handle(e) : picky.handle(e)) };
    const { runner, append, unpublished, logger } = setup([poisoned], { maxAttempts: 3 });
    const next = anEvent().build();
    await append([anEvent().withId(poisonId).build(), next]);

    await runner.runOnce();

    expect(picky.handled.map((e) => e.id)).toEqual([next.id]);
    expect(logger.lines.filter((l) => l.level === 'error').map((l) => l.message)).toEqual(['job failed for good; giving up']);
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(2);
    expect(await unpublished()).toEqual([]);
  });

  it('gives up at once on a handler defect (a throw or a die), with the defect as the reason, and goes on', async () => {
    let calls = 0;
    const throwing: EventHandler = {
      name: 'throwing',
      handles: () => true,
      handle: () => {
        calls++;
        throw new Error('bug');
      },
    };
    const dying = aHandler('dying').defective().build();
    const after = aHandler('after').build();
    const settled: Array<string> = [];
    const observer = { jobSettled: (job: string, outcome: string) => void settled.push(`${job} ${outcome}`) };
    const { runner, append, unpublished, logger } = setup([throwing, dying, after], { maxAttempts: 5, observer });
    await append(someEvents(1));

    await runner.runOnce();

    expect(calls).toBe(1);
    expect(dying.calls).toHaveLength(1);
    expect(after.handled).toHaveLength(1);
    expect(settled).toEqual(['throwing dead_lettered', 'dying dead_lettered', 'after processed']);
    expect(logger.lines.filter((l) => l.level === 'warn')).toEqual([]);
    expect(await unpublished()).toEqual([]);
  });

  it('gives up at once on a permanent failure, by its tag (jobFailureTable), without retrying', async () => {
    const refused = aHandler('refused').failingPermanently().build();
    const backoffMs = vi.fn(() => 1);
    const { runner, append, unpublished, logger } = setup([refused], { maxAttempts: 5, backoffMs });
    await append(someEvents(1));

    await runner.runOnce();

    expect(refused.calls).toHaveLength(1);
    expect(backoffMs).not.toHaveBeenCalled();
    expect(logger.lines.map((l) => `${l.level} ${l.message}`)).toContain('error job failed for good; giving up');
    expect(await unpublished()).toEqual([]);
  });

  it('polls while started, and handles nothing more once stopped', async () => {
    const handler = aHandler().build();
    const { runner, append } = setup([handler]);
    runner.start();
    const first = someEvents(2);
    await append(first);
    await vi.waitFor(() => expect(handler.handled).toHaveLength(2), { timeout: 2000 });

    await runner.stop();
    await append(someEvents(1));
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(handler.handled.map((e) => e.id)).toEqual(first.map((e) => e.id));
  });

  it('on stop, leaves a still-failing job unpublished for the next run instead of retrying it', async () => {
    const failing = aHandler().alwaysFailing().build();
    const { runner, append, unpublished } = setup([failing], { backoffMs: () => 60_000, maxAttempts: 10 });
    const events = someEvents(1);
    await append(events);
    runner.start();
    await vi.waitFor(() => expect(failing.calls).toHaveLength(1));

    const started = Date.now();
    await runner.stop();

    expect(Date.now() - started).toBeLessThan(1000);
    expect(failing.calls).toHaveLength(1);
    expect(await unpublished()).toEqual(events.map((e) => e.id));
  });

  it('keeps polling after the store fails', async () => {
    const handler = aHandler().build();
    const { feed, append, clock } = setup([]);
    let failuresLeft = 2;
    const flakyFeed: OutboxFeed = {
      claim: (...args) => (failuresLeft-- > 0 ? Effect.fail(new StoreUnavailable({ cause: 'down' })) : feed.claim(...args)),
      markPublished: (...args) => feed.markPublished(...args),
    };
    const runner = new InProcessJobRunner({ feed: flakyFeed, handlers: [handler], clock, pollIntervalMs: 5 });
    await append(someEvents(1));

    runner.start();
    await vi.waitFor(() => expect(handler.handled).toHaveLength(1), { timeout: 2000 });
    await runner.stop();

    expect(failuresLeft).toBeLessThan(0);
  });
});
