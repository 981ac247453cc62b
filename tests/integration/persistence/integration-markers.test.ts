import { Effect } from 'effect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SwitchboardDatabase } from '../../../adapters/mikro-orm/open-database.ts';
import type { Store } from '../../../core/shared/unit-of-work.port.ts';
import { anAgent, aTenant, seed } from '../../support/allocation-builders.ts';
import { dialects, inTransaction, reading } from './persistence-env.ts';

for (const env of dialects()) {
  describe(`Qiscus agent links and room markers on ${env.name}`, () => {
    let db: SwitchboardDatabase;
    let other: SwitchboardDatabase;
    beforeAll(async () => {
      await env.setup();
      db = await env.open();
      other = env.name === 'mysql' ? await env.open() : db;
    });
    afterAll(async () => {
      if (other !== db) await other?.close();
      await db?.close();
      await env.teardown();
    });

    const agentsOfANewTenant = async () => {
      const tenant = aTenant().build();
      const [ana, bea] = [anAgent(tenant.id).build(), anAgent(tenant.id).build()];
      await seed(db.uow, { tenant, users: [ana, bea] });
      return { tenantId: tenant.id, ana, bea };
    };

    it('hands a room’s unanswered assign to exactly one of many parallel takers', async () => {
      const { tenantId, ana } = await agentsOfANewTenant();
      await inTransaction(db, (store) => store.integrations.recordUnansweredAssign({ tenantId, roomId: '991', platformAgentId: '7', userId: ana.id }));
      // Warm pools, so the takers really overlap instead of queueing for new connections.
      await Promise.all([db, other].flatMap(({ uow }) => Array.from({ length: 10 }, () => Effect.runPromise(uow.read((store) => store.integrations.findAgentLink(tenantId, 'none'))))));
      const take = (store: Store) => store.integrations.takeUnansweredAssign(tenantId, '991');
      const takes = await Promise.all(
        Array.from({ length: 20 }, (_, i) => {
          const uow = (i % 2 === 0 ? db : other).uow;
          return Effect.runPromise(i % 4 !== 3 ? uow.read(take) : uow.transaction(take));
        }),
      );
      expect(takes.filter((t) => t !== null)).toEqual([{ tenantId, roomId: '991', platformAgentId: '7', userId: ana.id }]);
    });

    it('keeps one link per platform agent when it is moved in parallel', async () => {
      const { tenantId, ana, bea } = await agentsOfANewTenant();
      const users = [ana.id, bea.id];
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          inTransaction(i % 2 === 0 ? db : other, (store) => store.integrations.linkAgent({ tenantId, platformAgentId: '55', userId: users[i % 2] as string })),
        ),
      );
      const rows = await db.orm.em.fork().getConnection().execute('select user_id from platform_agent_links where tenant_id = ?', [tenantId]);
      expect(rows).toHaveLength(1);
      expect(users).toContain((await reading(db, (store) => store.integrations.findAgentLink(tenantId, '55')))?.userId);
    });

    it('keeps markers and links apart per tenant', async () => {
      const first = await agentsOfANewTenant();
      const second = await agentsOfANewTenant();
      await inTransaction(db, (store) => store.integrations.recordUnansweredAssign({ tenantId: first.tenantId, roomId: '5', platformAgentId: '1', userId: first.ana.id }));
      await inTransaction(db, (store) => store.integrations.linkAgent({ tenantId: first.tenantId, platformAgentId: '1', userId: first.ana.id }));
      expect(await reading(db, (store) => store.integrations.findAgentLink(second.tenantId, '1'))).toBeNull();
      expect(await inTransaction(db, (store) => store.integrations.takeUnansweredAssign(second.tenantId, '5'))).toBeNull();
      expect(await inTransaction(db, (store) => store.integrations.takeUnansweredAssign(first.tenantId, '5'))).not.toBeNull();
    });
  });
}
