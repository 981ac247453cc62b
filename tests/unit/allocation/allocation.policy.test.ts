import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgentLoad } from '../../../core/allocation/allocation.port.ts';
import { capacityOf, chooseAgent, compareQueueOrder, loadOf } from '../../../core/allocation/allocation.policy.ts';
import type { TicketPriority } from '../../../core/tickets/ticket.ts';
import { anAgentLoad, at } from '../../support/allocation-builders.ts';

const agentArb: fc.Arbitrary<AgentLoad> = fc.record({
  agentId: fc.stringMatching(/^[a-e]{1,3}$/),
  name: fc.constant('Agent'),
  availability: fc.constantFrom('online', 'offline'),
  maxCustomers: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
  activeTickets: fc.integer({ min: 0, max: 6 }),
  reportedLoad: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
  lastAssignedAt: fc.option(fc.integer({ min: 0, max: 5 }).map(at), { nil: null }),
});
const agentsArb = fc.uniqueArray(agentArb, { selector: (a) => a.agentId, maxLength: 8 });
const defaultCapacityArb = fc.integer({ min: 1, max: 4 });

const hasRoom = (agent: AgentLoad, defaultCapacity: number) =>
  agent.availability === 'online' && loadOf(agent) < capacityOf(agent, defaultCapacity);

describe('chooseAgent', () => {
  it('never picks an agent who is offline or at or over capacity', () => {
    fc.assert(
      fc.property(agentsArb, defaultCapacityArb, (agents, defaultCapacity) => {
        const { agent } = chooseAgent(agents, defaultCapacity);
        if (agent !== null) expect(hasRoom(agent, defaultCapacity)).toBe(true);
      }),
    );
  });

  it('picks someone whenever an online agent has room, and always a least-loaded one', () => {
    fc.assert(
      fc.property(agentsArb, defaultCapacityArb, (agents, defaultCapacity) => {
        const eligible = agents.filter((a) => hasRoom(a, defaultCapacity));
        const { agent } = chooseAgent(agents, defaultCapacity);
        if (eligible.length === 0) expect(agent).toBeNull();
        else expect(loadOf(agent as AgentLoad)).toBe(Math.min(...eligible.map(loadOf)));
      }),
    );
  });

  it('among the least loaded, no one has waited longer, and no equally idle one has a lower id', () => {
    const idle = (a: AgentLoad) => a.lastAssignedAt?.getTime() ?? -1;
    fc.assert(
      fc.property(agentsArb, defaultCapacityArb, (agents, defaultCapacity) => {
        const { agent } = chooseAgent(agents, defaultCapacity);
        if (agent === null) return;
        const rivals = agents.filter((a) => hasRoom(a, defaultCapacity) && loadOf(a) === loadOf(agent) && a.agentId !== agent.agentId);
        for (const rival of rivals) {
          expect(idle(rival)).toBeGreaterThanOrEqual(idle(agent));
          if (idle(rival) === idle(agent)) expect(rival.agentId > agent.agentId).toBe(true);
        }
      }),
    );
  });

  it('is deterministic: the order of the candidates does not matter', () => {
    fc.assert(
      fc.property(agentsArb, defaultCapacityArb, fc.integer(), (agents, defaultCapacity, seed) => {
        const shuffled = [...agents].sort((a, b) => ((a.agentId.charCodeAt(0) * seed) % 7) - ((b.agentId.charCodeAt(0) * seed) % 7));
        const first = chooseAgent(agents, defaultCapacity);
        const second = chooseAgent(shuffled.reverse(), defaultCapacity);
        expect(second.agent?.agentId).toBe(first.agent?.agentId);
        expect(second.decision.reason).toBe(first.decision.reason);
      }),
    );
  });

  it('counts the larger of our load and the reported load', () => {
    const lagging = anAgentLoad().withId('a').withActiveTickets(0).reporting(2).build();
    const busy = anAgentLoad().withId('b').withActiveTickets(1).build();
    expect(chooseAgent([lagging, busy], 3).agent?.agentId).toBe('b');
    expect(chooseAgent([lagging], 2).decision.reason).toBe('no_capacity');
  });

  it('uses the agent cap over the tenant default; 0 means never', () => {
    const zero = anAgentLoad().withId('a').capped(0).build();
    const raised = anAgentLoad().withId('b').capped(5).withActiveTickets(3).build();
    expect(chooseAgent([zero], 10).agent).toBeNull();
    expect(chooseAgent([zero, raised], 2).agent?.agentId).toBe('b');
  });

  it('breaks a load tie by the longest idle agent, never-assigned first', () => {
    const recent = anAgentLoad().withId('a').lastAssignedAt(at(50)).build();
    const earlier = anAgentLoad().withId('b').lastAssignedAt(at(10)).build();
    const never = anAgentLoad().withId('c').lastAssignedAt(null).build();
    expect(chooseAgent([recent, earlier], 2)).toMatchObject({ agent: { agentId: 'b' }, decision: { reason: 'longest_idle' } });
    expect(chooseAgent([recent, earlier, never], 2)).toMatchObject({ agent: { agentId: 'c' }, decision: { reason: 'longest_idle' } });
  });

  it('breaks a full tie by the lowest id', () => {
    const b = anAgentLoad().withId('b').build();
    const a = anAgentLoad().withId('a').build();
    expect(chooseAgent([b, a], 2)).toMatchObject({ agent: { agentId: 'a' }, decision: { reason: 'lowest_id' } });
  });

  it('explains itself: least loaded, no capacity, no agent online', () => {
    const light = anAgentLoad().withId('a').build();
    const heavy = anAgentLoad().withId('b').withActiveTickets(1).build();
    expect(chooseAgent([heavy, light], 2).decision).toEqual({
      candidates: [
        { agentId: 'a', load: 0, capacity: 2 },
        { agentId: 'b', load: 1, capacity: 2 },
      ],
      considered: 2,
      reason: 'least_loaded',
    });
    expect(chooseAgent([heavy], 1).decision.reason).toBe('no_capacity');
    expect(chooseAgent([anAgentLoad().offline().build()], 2).decision).toEqual({ candidates: [], considered: 0, reason: 'no_agent_online' });
    expect(chooseAgent([], 2).decision.reason).toBe('no_agent_online');
  });
});

describe('the recorded decision', () => {
  it('lists at most 20 candidates, the chosen one first, and counts every online agent considered', () => {
    fc.assert(
      fc.property(agentsArb, defaultCapacityArb, (agents, defaultCapacity) => {
        const { agent, decision } = chooseAgent(agents, defaultCapacity);
        const online = agents.filter((a) => a.availability === 'online');
        expect(decision.considered).toBe(online.length);
        expect(decision.candidates.length).toBe(Math.min(20, online.length));
        if (agent !== null) expect(decision.candidates[0]?.agentId).toBe(agent.agentId);
      }),
    );
    const many = Array.from({ length: 30 }, (_, i) => anAgentLoad().withId(`agent-${String(i).padStart(2, '0')}`).withActiveTickets(i % 3).build());
    const { decision } = chooseAgent(many, 5);
    expect(decision).toMatchObject({ considered: 30, reason: 'lowest_id' });
    expect(decision.candidates).toHaveLength(20);
    expect(decision.candidates.slice(0, 10).every((c) => c.load === 0)).toBe(true);
  });
});

describe('compareQueueOrder', () => {
  const priorityArb = fc.constantFrom<TicketPriority>('high', 'medium', 'low');
  const queuedArb = fc.record({
    id: fc.stringMatching(/^[0-9a-f]{1,4}$/),
    priority: priorityArb,
    queuedAt: fc.integer({ min: 0, max: 3 }).map(at),
  });
  const rank = { high: 0, medium: 1, low: 2 };

  it('orders by priority, then by the time queued, then by id', () => {
    fc.assert(
      fc.property(fc.uniqueArray(queuedArb, { selector: (t) => t.id, minLength: 2 }), (tickets) => {
        const sorted = [...tickets].sort(compareQueueOrder);
        for (let i = 1; i < sorted.length; i++) {
          const a = sorted[i - 1]!;
          const b = sorted[i]!;
          const key = (t: typeof a) => [rank[t.priority], t.queuedAt.getTime()] as const;
          const [pa, qa] = key(a);
          const [pb, qb] = key(b);
          expect(pa < pb || (pa === pb && (qa < qb || (qa === qb && a.id < b.id)))).toBe(true);
        }
      }),
    );
  });

  it('is a total order: antisymmetric and zero only for the same ticket', () => {
    fc.assert(
      fc.property(queuedArb, queuedArb, (a, b) => {
        expect(Math.sign(compareQueueOrder(a, b)) + Math.sign(compareQueueOrder(b, a)) === 0).toBe(true);
        if (compareQueueOrder(a, b) === 0) expect(a.id).toBe(b.id);
      }),
    );
  });

  it('serves a later high-priority ticket before an earlier medium one', () => {
    const early = { id: 'b', priority: 'medium' as const, queuedAt: at(0) };
    const urgent = { id: 'c', priority: 'high' as const, queuedAt: at(9) };
    expect([early, urgent].sort(compareQueueOrder).map((t) => t.id)).toEqual(['c', 'b']);
  });
});
