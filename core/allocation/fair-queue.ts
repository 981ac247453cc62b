import type { PassedOverTicket } from '../shared/events.ts';
import { isPlatformChannel, type Ticket } from '../tickets/ticket.ts';
import type { AgentLoad } from './allocation.port.ts';
import { capacityOf, compareQueueOrder, loadOf } from './allocation.policy.ts';

/**
 * The queue's fairness rule (API.md "Allocation"): a place that frees up goes to the oldest waiting
 * ticket that can use it. A ticket may be served ahead of an older waiting one only if no agent
 * eligible for the older one has room at that moment. Every allocation path checks `firstBlocker`
 * inside the tenant's exclusive section, with the loads it reads there, before it assigns.
 *
 * Who is eligible: any online agent for a native ticket; for a platform room, the agents the platform
 * listed for it (`room`), or, when this run has not asked the platform yet (`unknown`), any agent at
 * all (the platform decides, and may list agents we have not seen yet).
 */
export type Eligibility =
  | { readonly kind: 'native' }
  | { readonly kind: 'room'; readonly agentIds: ReadonlySet<string> }
  | { readonly kind: 'unknown' };

/** What one allocation run has learnt from the platform: the agents it listed per room ticket. */
export type RoomKnowledge = ReadonlyMap<string, ReadonlySet<string>>;

export const eligibilityOf = (ticket: Ticket, knowledge: RoomKnowledge): Eligibility => {
  if (!isPlatformChannel(ticket.channel)) return { kind: 'native' };
  const agentIds = knowledge.get(ticket.id);
  return agentIds === undefined ? { kind: 'unknown' } : { kind: 'room', agentIds };
};

export const hasRoom = (agent: AgentLoad, defaultCapacity: number): boolean => loadOf(agent) < capacityOf(agent, defaultCapacity);

/** Could some agent take the ticket right now? (Platform-listed agents count as online: the platform said so.) */
export const couldServe = (eligibility: Eligibility, agents: ReadonlyArray<AgentLoad>, defaultCapacity: number): boolean =>
  agents.some((agent) => {
    if (!hasRoom(agent, defaultCapacity)) return false;
    switch (eligibility.kind) {
      case 'native':
        return agent.availability === 'online';
      case 'room':
        return eligibility.agentIds.has(agent.agentId);
      case 'unknown':
        return true;
    }
  });

/** Waiting tickets that come before `ticket` in queue order. */
export const ahead = (ticket: Ticket, waiting: ReadonlyArray<Ticket>): ReadonlyArray<Ticket> =>
  waiting.filter((other) => other.id !== ticket.id && compareQueueOrder(other, ticket) < 0);

/** The oldest of `older` (waiting tickets ahead of the one about to be served) that an agent with room could take; null: serving is fair. */
export const firstBlocker = (
  older: ReadonlyArray<Ticket>,
  agents: ReadonlyArray<AgentLoad>,
  defaultCapacity: number,
  knowledge: RoomKnowledge,
): Ticket | null =>
  [...older].sort(compareQueueOrder).find((ticket) => couldServe(eligibilityOf(ticket, knowledge), agents, defaultCapacity)) ?? null;

/** Decisions name at most this many passed-over tickets, so events stay small behind a long queue. */
const passedOverRecorded = 20;

/** The audit trail of a fair assignment: the older tickets it went ahead of, none of which an agent with room could take. */
export const passedOver = (older: ReadonlyArray<Ticket>): ReadonlyArray<PassedOverTicket> =>
  [...older]
    .sort(compareQueueOrder)
    .slice(0, passedOverRecorded)
    .map((ticket) => ({ ticketId: ticket.id, reason: 'no_eligible_agent_with_room' as const }));
