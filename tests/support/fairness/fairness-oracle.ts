import { capacityOf, compareQueueOrder, isWaiting } from '../../../core/allocation/allocation.policy.ts';
import type { MemoryDatabase } from '../../../adapters/memory/memory-database.ts';
import { isActive, type Ticket } from '../../../core/tickets/ticket.ts';

/** Who may take a ticket, as the world truly is (not as the allocator believes). */
export type TrueEligibility = (ticket: Ticket) => ReadonlySet<string>;

export interface Violation {
  readonly kind: 'overtaken' | 'over_capacity';
  readonly served: string;
  readonly agentId: string;
  readonly olderTicket?: string;
  readonly freeAgent?: string;
}

/**
 * Watches every write of the memory tickets table: when a waiting ticket gets an agent, checks at that
 * very moment (the memory store runs one unit of work at a time) that the agent had room and that no
 * older waiting ticket had an eligible agent with room — loads counted as the allocator must
 * (our active tickets plus what the platform last counted beyond them).
 */
export const watchFairness = (
  db: MemoryDatabase,
  tenantId: string,
  eligible: TrueEligibility,
  /** The agent the platform already gave the ticket's room to, if any: recording that fact is no allocation. */
  holder: (ticket: Ticket) => string | null = () => null,
): ReadonlyArray<Violation> => {
  const violations: Array<Violation> = [];
  const table = db.tickets;
  const write = table.set.bind(table);
  const loadOf = (agentId: string): number => {
    const ours = [...table.values()].filter((t) => t.assignedAgentId === agentId && isActive(t)).length;
    return ours + (db.reportedLoads.get(`${tenantId}:${agentId}`) ?? 0);
  };
  const hasRoom = (agentId: string, defaultCapacity: number): boolean => {
    const user = db.users.get(agentId);
    return user !== undefined && user.active && user.role === 'agent' && loadOf(agentId) < capacityOf(user, defaultCapacity);
  };
  table.set = (key: string, next: Ticket) => {
    const before = table.get(key);
    if (before !== undefined && isWaiting(before) && next.assignedAgentId !== null && next.tenantId === tenantId && holder(next) !== next.assignedAgentId) {
      const defaultCapacity = db.tenants.get(tenantId)?.settings.maxCustomersPerAgent ?? 0;
      const agentId = next.assignedAgentId;
      if (!hasRoom(agentId, defaultCapacity)) violations.push({ kind: 'over_capacity', served: key, agentId });
      const older = [...table.values()].filter((t) => t.tenantId === tenantId && t.id !== key && isWaiting(t) && compareQueueOrder(t, before) < 0);
      for (const ticket of older.sort(compareQueueOrder)) {
        const free = [...eligible(ticket)].find((id) => hasRoom(id, defaultCapacity));
        if (free !== undefined) {
          violations.push({ kind: 'overtaken', served: `${next.externalRef ?? 'native'} ${key}`, agentId, olderTicket: `${ticket.externalRef ?? 'native'} ${ticket.id}`, freeAgent: free });
          break;
        }
      }
    }
    write(key, next);
  };
  return violations;
};
