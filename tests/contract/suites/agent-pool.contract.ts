import { Effect } from 'effect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentLoad } from '../../../core/allocation/allocation.port.ts';
import { aCustomer, anAgent, aQueuedTicket, aTenant, at, readFrom, seed } from '../../support/allocation-builders.ts';
import type { ContractEnv, ContractEnvFactory } from '../contract-env.ts';

export const agentPoolContract = (makeEnv: ContractEnvFactory): void => {
  describe('AgentPool contract', () => {
    let env: ContractEnv;
    beforeAll(async () => {
      env = await makeEnv();
    });
    afterAll(async () => {
      await env.close();
    });

    const world = async () => {
      const tenant = aTenant().build();
      const customer = aCustomer(tenant.id);
      await seed(env.uow, { tenant, customers: [customer] });
      return { tenant, customer };
    };

    it('returns every active agent of the tenant, online or not, by id, with their figures', async () => {
      const { tenant } = await world();
      const other = await world();
      const online = anAgent(tenant.id).capped(4).lastAssignedAt(at(7)).build();
      const offline = anAgent(tenant.id).offline().build();
      await seed(env.uow, {
        users: [offline, online, anAgent(tenant.id).inactive().build(), anAgent(tenant.id).admin().build(), anAgent(other.tenant.id).build()],
      });

      const agents = await readFrom(env.uow, (s) => s.agents.all(tenant.id));

      const rows: AgentLoad[] = [
        { agentId: offline.id, name: offline.name, availability: 'offline', maxCustomers: null, activeTickets: 0, reportedLoad: null, lastAssignedAt: null },
        { agentId: online.id, name: online.name, availability: 'online', maxCustomers: 4, activeTickets: 0, reportedLoad: null, lastAssignedAt: at(7) },
      ];
      expect(agents).toEqual(rows.sort((a, b) => (a.agentId < b.agentId ? -1 : 1)));
    });

    it('counts only the agent’s open and in_progress tickets', async () => {
      const { tenant, customer } = await world();
      const agent = anAgent(tenant.id).build();
      const colleague = anAgent(tenant.id).build();
      await seed(env.uow, { users: [agent, colleague] });
      const ticket = () => aQueuedTicket(tenant.id, customer.id).assignedTo(agent.id);
      await seed(env.uow, {
        tickets: [
          ticket().build(),
          ticket().withStatus('in_progress').build(),
          ticket().withStatus('resolved').build(),
          ticket().withStatus('closed').build(),
          aQueuedTicket(tenant.id, customer.id).assignedTo(colleague.id).build(),
          aQueuedTicket(tenant.id, customer.id).build(),
        ],
      });

      const agents = await readFrom(env.uow, (s) => s.agents.all(tenant.id));

      expect(agents.find((a) => a.agentId === agent.id)?.activeTickets).toBe(2);
      expect(agents.find((a) => a.agentId === colleague.id)?.activeTickets).toBe(1);
    });

    it('records the last reported load per agent and tenant', async () => {
      const { tenant } = await world();
      const agent = anAgent(tenant.id).build();
      const quiet = anAgent(tenant.id).build();
      await seed(env.uow, { users: [agent, quiet] });

      await Effect.runPromise(env.uow.transaction((s) => s.agents.reportLoad(tenant.id, agent.id, 3)));
      await Effect.runPromise(env.uow.transaction((s) => s.agents.reportLoad(tenant.id, agent.id, 1)));
      const agents = await readFrom(env.uow, (s) => s.agents.all(tenant.id));

      expect(agents.find((a) => a.agentId === agent.id)?.reportedLoad).toBe(1);
      expect(agents.find((a) => a.agentId === quiet.id)?.reportedLoad).toBeNull();
    });

    it('drops an agent once deactivated', async () => {
      const { tenant } = await world();
      const agent = anAgent(tenant.id).build();
      await seed(env.uow, { users: [agent] });
      await Effect.runPromise(env.uow.transaction((s) => s.users.update({ ...agent, active: false })));
      expect(await readFrom(env.uow, (s) => s.agents.all(tenant.id))).toEqual([]);
    });

    it('pages the same rows by id, each exactly once', async () => {
      const { tenant } = await world();
      const agents = Array.from({ length: 5 }, () => anAgent(tenant.id).build());
      await seed(env.uow, { users: agents });

      const seen: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 10; pages++) {
        const page = await readFrom(env.uow, (s) => s.agents.list(tenant.id, { limit: 2, after }));
        seen.push(...page.items.map((a) => a.agentId));
        if (page.next === null) break;
        after = page.next;
      }

      expect(seen).toEqual(agents.map((a) => a.id).sort());
    });
  });
};
