import { Effect } from 'effect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aQueueWorld, at, freshId, readFrom, seed } from '../../support/allocation-builders.ts';
import type { ContractEnv, ContractEnvFactory } from '../contract-env.ts';

export const allocationQueueContract = (makeEnv: ContractEnvFactory): void => {
  describe('AllocationQueue contract', () => {
    let env: ContractEnv;
    beforeAll(async () => {
      env = await makeEnv();
    });
    afterAll(async () => {
      await env.close();
    });

    const world = () => aQueueWorld(env.uow);

    it('holds only active, unassigned, queued tickets of the tenant, in queue order', async () => {
      const { tenant, agent, queued } = await world();
      const other = await world();
      const sameTime = [freshId(), freshId()];
      const lowEarly = queued().withPriority('low').queuedAt(at(1)).build();
      const mediumLate = queued().withPriority('medium').queuedAt(at(8)).build();
      const highLate = queued().withPriority('high').queuedAt(at(9)).build();
      const mediumEarly = queued().withPriority('medium').queuedAt(at(2)).withStatus('in_progress').build();
      const tieB = { ...queued().withPriority('medium').queuedAt(at(5)).build(), id: sameTime[1]! };
      const tieA = { ...queued().withPriority('medium').queuedAt(at(5)).build(), id: sameTime[0]! };
      await seed(env.uow, {
        tickets: [
          lowEarly, mediumLate, highLate, mediumEarly, tieB, tieA,
          queued().assignedTo(agent.id).build(),
          queued().queuedAt(null).build(),
          queued().withStatus('resolved').build(),
          queued().withStatus('closed').build(),
          other.queued().withPriority('high').build(),
        ],
      });

      const head = await readFrom(env.uow, (s) => s.queue.head(tenant.id, 10, 'native'));

      expect(head.map((t) => t.id)).toEqual([highLate.id, mediumEarly.id, tieA.id, tieB.id, mediumLate.id, lowEarly.id]);
      expect(head[0]).toEqual(highLate);
      expect((await readFrom(env.uow, (s) => s.queue.head(tenant.id, 2, 'native'))).map((t) => t.id)).toEqual([highLate.id, mediumEarly.id]);
    });

    it('splits the head into lanes: native tickets and platform rooms, each in the shared queue order', async () => {
      const { tenant, queued } = await world();
      const rooms = [1, 2, 3].map((n) => ({ ...queued().queuedAt(at(n)).build(), channel: 'qiscus' as const, externalRef: `room-${freshId()}` }));
      const native = [queued().queuedAt(at(4)).build(), queued().withPriority('high').queuedAt(at(5)).build()];
      await seed(env.uow, { tickets: [...rooms, ...native] });
      const lane = (name: 'native' | 'platform', limit: number) => readFrom(env.uow, (s) => s.queue.head(tenant.id, limit, name));
      expect((await lane('native', 10)).map((t) => t.id)).toEqual([native[1]!.id, native[0]!.id]);
      expect((await lane('native', 1)).map((t) => t.id)).toEqual([native[1]!.id]);
      expect((await lane('platform', 2)).map((t) => t.id)).toEqual([rooms[0]!.id, rooms[1]!.id]);
    });

    it('lets a ticket leave the queue when it is assigned', async () => {
      const { tenant, agent, queued } = await world();
      const ticket = queued().build();
      await seed(env.uow, { tickets: [ticket] });
      await Effect.runPromise(env.uow.transaction((s) => s.tickets.update({ ...ticket, assignedAgentId: agent.id, queuedAt: null })));
      expect(await readFrom(env.uow, (s) => s.queue.head(tenant.id, 10, 'native'))).toEqual([]);
    });

    it('lists pages with positions counted from the front, each ticket exactly once', async () => {
      const { tenant, queued } = await world();
      const tickets = Array.from({ length: 5 }, (_, i) => queued().queuedAt(at(10 - i)).build());
      await seed(env.uow, { tickets });

      const seen: Array<[string, number]> = [];
      let after: string | null = null;
      for (let pages = 0; pages < 10; pages++) {
        const page = await readFrom(env.uow, (s) => s.queue.list(tenant.id, { limit: 2, after }));
        seen.push(...page.items.map((q): [string, number] => [q.ticket.id, q.position]));
        if (page.next === null) break;
        after = page.next;
      }

      expect(seen).toEqual([...tickets].reverse().map((t, i): [string, number] => [t.id, i + 1]));
    });

    it('does not skip or repeat a ticket when one joins the back while paging', async () => {
      const { tenant, queued } = await world();
      const tickets = Array.from({ length: 3 }, (_, i) => queued().queuedAt(at(i)).build());
      await seed(env.uow, { tickets });
      const first = await readFrom(env.uow, (s) => s.queue.list(tenant.id, { limit: 2, after: null }));
      const late = queued().queuedAt(at(60)).build();
      await seed(env.uow, { tickets: [late] });
      const second = await readFrom(env.uow, (s) => s.queue.list(tenant.id, { limit: 2, after: first.next }));

      expect([...first.items, ...second.items].map((q) => q.ticket.id)).toEqual([...tickets.map((t) => t.id), late.id]);
      expect(second.next).toBeNull();
    });
  });
};
