import type { AllocationCandidate, AllocationDecision } from '../shared/events.ts';
import type { Ticket, TicketPriority } from '../tickets/ticket.ts';

export { isWaiting } from '../tickets/ticket.ops.ts';
import type { AgentLoad } from './allocation.port.ts';

/** The agent's cap: their own, else the tenant default; 0 means never allocated automatically. */
export const capacityOf = (agent: Pick<AgentLoad, 'maxCustomers'>, defaultCapacity: number): number =>
  agent.maxCustomers ?? defaultCapacity;

/** An external platform lags in reporting load, so the larger figure wins. */
export const loadOf = (agent: Pick<AgentLoad, 'activeTickets' | 'reportedLoad'>): number =>
  Math.max(agent.activeTickets, agent.reportedLoad ?? 0);

export interface AllocationChoice {
  readonly agent: AgentLoad | null;
  readonly decision: AllocationDecision;
}

/** Events record this many candidates at most, so a decision stays small in a tenant with many agents. */
const decisionCandidates = 20;

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const idleSince = (agent: AgentLoad): number => agent.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY;

/**
 * Chooses the agent for the next waiting ticket: among online agents with room (load < capacity),
 * the least loaded; ties go to the longest idle (never assigned first), then to the lowest id.
 */
export const chooseAgent = (agents: ReadonlyArray<AgentLoad>, defaultCapacity: number): AllocationChoice => {
  const online = agents.filter((agent) => agent.availability === 'online');
  const hasRoom = (agent: AgentLoad): boolean => loadOf(agent) < capacityOf(agent, defaultCapacity);
  const preferred = [...online].sort(
    (a, b) => Number(hasRoom(b)) - Number(hasRoom(a)) || loadOf(a) - loadOf(b) || idleSince(a) - idleSince(b) || compareIds(a.agentId, b.agentId),
  );
  const candidates: ReadonlyArray<AllocationCandidate> = preferred.slice(0, decisionCandidates).map((agent) => ({
    agentId: agent.agentId,
    load: loadOf(agent),
    capacity: capacityOf(agent, defaultCapacity),
  }));
  const considered = online.length;
  if (online.length === 0) return { agent: null, decision: { candidates, considered, reason: 'no_agent_online' } };
  const eligible = online.filter(hasRoom);
  if (eligible.length === 0) return { agent: null, decision: { candidates, considered, reason: 'no_capacity' } };
  const least = Math.min(...eligible.map(loadOf));
  const leastLoaded = eligible.filter((agent) => loadOf(agent) === least);
  const longest = Math.min(...leastLoaded.map(idleSince));
  const longestIdle = leastLoaded.filter((agent) => idleSince(agent) === longest);
  const [agent] = [...longestIdle].sort((a, b) => compareIds(a.agentId, b.agentId));
  const reason = leastLoaded.length === 1 ? 'least_loaded' : longestIdle.length === 1 ? 'longest_idle' : 'lowest_id';
  return { agent: agent ?? null, decision: { candidates, considered, reason } };
};

/** The agent after one more automatic assignment at `now`. */
export const afterAssignment = (agent: AgentLoad, now: Date): AgentLoad => ({
  ...agent,
  activeTickets: agent.activeTickets + 1,
  reportedLoad: agent.reportedLoad === null ? null : agent.reportedLoad + 1,
  lastAssignedAt: now,
});

/** 0 is served first. */
export const priorityRank: Readonly<Record<TicketPriority, number>> = { high: 0, medium: 1, low: 2 };

/** Queue order: priority high → low, then the time the ticket entered the queue, then id. */
export const compareQueueOrder = (
  a: Pick<Ticket, 'priority' | 'queuedAt' | 'id'>,
  b: Pick<Ticket, 'priority' | 'queuedAt' | 'id'>,
): number =>
  priorityRank[a.priority] - priorityRank[b.priority] ||
  (a.queuedAt?.getTime() ?? 0) - (b.queuedAt?.getTime() ?? 0) ||
  compareIds(a.id, b.id);
