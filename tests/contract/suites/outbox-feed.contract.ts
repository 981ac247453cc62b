import { Effect } from 'effect';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../core/shared/events.ts';
import type { OutboxFeed } from '../../../core/shared/outbox.port.ts';
import type { Stored } from '../../../core/shared/errors.ts';
import { someEvents } from '../../support/event-builders.ts';

/** A store with its outbox writer (appending in one unit of work, e.g. via `uow.transaction`) and the relay's feed. */
export interface OutboxFeedEnv {
  readonly outbox: (events: ReadonlyArray<DomainEvent>) => Stored<void>;
  readonly feed: OutboxFeed;
  close(): Promise<void>;
}

export type OutboxFeedEnvFactory = () => Promise<OutboxFeedEnv>;

const run = Effect.runPromise;
const t0 = new Date('2030-01-01T00:00:00.000Z');
const later = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

/** The relay side of the outbox. Each test starts by publishing any backlog, so a shared database is fine. */
export const outboxFeedContract = (makeEnv: OutboxFeedEnvFactory): void => {
  describe('OutboxFeed contract', () => {
    let env: OutboxFeedEnv;

    beforeEach(async () => {
      env = await makeEnv();
      for (;;) {
        const backlog = await run(env.feed.claim(500, new Date(), 365 * 24 * 3600));
        if (backlog.length === 0) break;
        await run(env.feed.markPublished(backlog.map((e) => e.sequence), new Date()));
      }
    });
    afterEach(async () => {
      await env.close();
    });

    it('claims appended events in append order with their content intact', async () => {
      const first = someEvents(2);
      const second = someEvents(1);
      await run(env.outbox(first));
      await run(env.outbox(second));
      const claimed = await run(env.feed.claim(10, t0, 30));
      expect(claimed.map((e) => e.event)).toEqual([...first, ...second]);
      const sequences = claimed.map((e) => e.sequence);
      expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);
      expect(new Set(sequences).size).toBe(3);
      expect(claimed[0]?.event.occurredAt).toBeInstanceOf(Date);
    });

    it('claims at most `limit` entries, the oldest first', async () => {
      const events = someEvents(5);
      await run(env.outbox(events));
      const claimed = await run(env.feed.claim(2, t0, 30));
      expect(claimed.map((e) => e.event.id)).toEqual([events[0]?.id, events[1]?.id]);
      const rest = await run(env.feed.claim(10, t0, 30));
      expect(rest.map((e) => e.event.id)).toEqual(events.slice(2).map((e) => e.id));
    });

    it('does not hand out leased entries again until the lease has passed', async () => {
      const events = someEvents(2);
      await run(env.outbox(events));
      await run(env.feed.claim(10, t0, 30));
      expect(await run(env.feed.claim(10, later(29), 30))).toEqual([]);
      const again = await run(env.feed.claim(10, later(31), 30));
      expect(again.map((e) => e.event.id)).toEqual(events.map((e) => e.id));
    });

    it('never hands out published entries again, even after the lease', async () => {
      const events = someEvents(3);
      await run(env.outbox(events));
      const claimed = await run(env.feed.claim(10, t0, 30));
      await run(env.feed.markPublished([claimed[0]!.sequence, claimed[2]!.sequence], later(1)));
      const again = await run(env.feed.claim(10, later(60), 30));
      expect(again.map((e) => e.event.id)).toEqual([events[1]?.id]);
    });

    it('gives concurrent claimers disjoint entries', async () => {
      await run(env.outbox(someEvents(6)));
      const [a, b, c] = await Promise.all([1, 2, 3].map(() => run(env.feed.claim(4, t0, 30))));
      const all = [...a!, ...b!, ...c!].map((e) => e.sequence);
      expect(all).toHaveLength(6);
      expect(new Set(all).size).toBe(6);
    });

    it('hands events appended after a claim to the next claimer, leaving the leased ones out', async () => {
      await run(env.outbox(someEvents(2)));
      await run(env.feed.claim(10, t0, 30));
      const newer = someEvents(1);
      await run(env.outbox(newer));
      const next = await run(env.feed.claim(10, later(1), 30));
      expect(next.map((e) => e.event.id)).toEqual([newer[0]?.id]);
    });

    it('marking unknown or already published sequences is harmless', async () => {
      const events = someEvents(1);
      await run(env.outbox(events));
      const [entry] = await run(env.feed.claim(10, t0, 30));
      await run(env.feed.markPublished([entry!.sequence], later(1)));
      await run(env.feed.markPublished([entry!.sequence, 987_654_321], later(2)));
      await run(env.feed.markPublished([], later(3)));
      expect(await run(env.feed.claim(10, later(100), 30))).toEqual([]);
    });
  });
};
