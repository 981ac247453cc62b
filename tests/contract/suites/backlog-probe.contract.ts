import { Effect } from 'effect';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BacklogProbe, QueueBacklog } from '../../../core/shared/backlog-probe.port.ts';
import type { OutboxFeed } from '../../../core/shared/outbox.port.ts';
import type { UnitOfWork } from '../../../core/shared/unit-of-work.port.ts';
import { aQueueWorld, at, freshId, seed } from '../../support/allocation-builders.ts';
import { someEvents } from '../../support/event-builders.ts';

/** A store with its backlog probe and the relay's feed (to publish what other suites left behind). */
export interface BacklogProbeEnv {
  readonly uow: UnitOfWork;
  readonly probe: BacklogProbe;
  readonly feed: OutboxFeed;
  close(): Promise<void>;
}

const run = Effect.runPromise;
const lane = (queues: ReadonlyArray<QueueBacklog>, name: 'native' | 'platform', tenantId: string | null = null) =>
  queues.filter((q) => q.lane === name && q.tenantId === tenantId);

/** The cross-tenant figures behind the metrics gauges. The database may be shared: assertions are per tenant or deltas. */
export const backlogProbeContract = (makeEnv: () => Promise<BacklogProbeEnv>): void => {
  describe('BacklogProbe contract', () => {
    let env: BacklogProbeEnv;
    beforeEach(async () => {
      env = await makeEnv();
    });
    afterEach(async () => {
      await env.close();
    });

    const world = () => aQueueWorld(env.uow);

    it('counts only waiting tickets (active, unassigned, queued), per lane and per tenant, with the oldest queue entry', async () => {
      const { tenant, agent, queued } = await world();
      const other = await world();
      const room = (seconds: number) => ({ ...queued().queuedAt(at(seconds)).build(), channel: 'qiscus' as const, externalRef: `room-${freshId()}` });
      await seed(env.uow, {
        tickets: [
          queued().queuedAt(at(30)).build(),
          queued().withPriority('high').queuedAt(at(20)).withStatus('in_progress').build(),
          room(40),
          room(10),
          room(50),
          queued().assignedTo(agent.id).build(),
          queued().queuedAt(null).build(),
          queued().withStatus('resolved').build(),
          other.queued().queuedAt(at(5)).build(),
        ],
      });

      const perTenant = await run(env.probe.queues(true));
      expect(lane(perTenant, 'native', tenant.id)).toEqual([{ lane: 'native', tenantId: tenant.id, waiting: 2, oldestQueuedAt: at(20) }]);
      expect(lane(perTenant, 'platform', tenant.id)).toEqual([{ lane: 'platform', tenantId: tenant.id, waiting: 3, oldestQueuedAt: at(10) }]);
      expect(lane(perTenant, 'native', other.tenant.id)).toEqual([{ lane: 'native', tenantId: other.tenant.id, waiting: 1, oldestQueuedAt: at(5) }]);
      expect(lane(perTenant, 'platform', other.tenant.id)).toEqual([]);

      const total = await run(env.probe.queues(false));
      expect(total.map((q) => q.tenantId)).toEqual([null, null]);
      const native = lane(total, 'native')[0];
      const platform = lane(total, 'platform')[0];
      const sum = (name: 'native' | 'platform') => perTenant.filter((q) => q.lane === name).reduce((n, q) => n + q.waiting, 0);
      expect(native?.waiting).toBe(sum('native'));
      expect(platform?.waiting).toBe(sum('platform'));
      expect(native!.oldestQueuedAt!.getTime()).toBeLessThanOrEqual(at(5).getTime());
    });

    it('counts the unpublished outbox and dates its oldest event; a drained outbox is zero with no date', async () => {
      for (;;) {
        const backlog = await run(env.feed.claim(500, new Date(), 365 * 24 * 3600));
        if (backlog.length === 0) break;
        await run(env.feed.markPublished(backlog.map((e) => e.sequence), new Date()));
      }
      expect(await run(env.probe.outbox())).toEqual({ unpublished: 0, oldestOccurredAt: null });
      const events = someEvents(3);
      await run(env.uow.transaction((store) => store.outbox.append(events)));
      const backlog = await run(env.probe.outbox());
      expect(backlog).toEqual({ unpublished: 3, oldestOccurredAt: events[0]?.occurredAt });
      const claimed = await run(env.feed.claim(1, new Date(), 30));
      await run(env.feed.markPublished(claimed.map((e) => e.sequence), new Date()));
      expect(await run(env.probe.outbox())).toEqual({ unpublished: 2, oldestOccurredAt: events[1]?.occurredAt });
    });
  });
};
