import { Effect } from 'effect';
import type { AgentLoad, AgentPool } from '../../core/allocation/allocation.port.ts';
import type { Stored } from '../../core/shared/errors.ts';
import type { Page, PageRequest } from '../../core/shared/page.ts';
import { isActive } from '../../core/tickets/ticket.ts';
import type { MemoryDatabase } from './memory-database.ts';
import { pageOf } from './memory-page.ts';

const reported = (active: number, beyondOurs: number | undefined): number | null => (beyondOurs === undefined ? null : active + beyondOurs);

const loadKey = (tenantId: string, agentId: string): string => `${tenantId}:${agentId}`;

export class MemoryAgentPool implements AgentPool {
  readonly #db: MemoryDatabase;

  constructor(db: MemoryDatabase) {
    this.#db = db;
  }

  all(tenantId: string): Stored<ReadonlyArray<AgentLoad>> {
    return Effect.sync(() => this.#loads(tenantId));
  }

  list(tenantId: string, page: PageRequest): Stored<Page<AgentLoad>> {
    return Effect.sync(() => pageOf(this.#loads(tenantId), page, (a) => a.agentId, (a, position) => a.agentId > position));
  }

  reportLoad(tenantId: string, agentId: string, beyondOurs: number): Stored<void> {
    return Effect.sync(() => this.#db.reportedLoads.set(loadKey(tenantId, agentId), beyondOurs));
  }

  #loads(tenantId: string): ReadonlyArray<AgentLoad> {
    const active = new Map<string, number>();
    for (const ticket of this.#db.tickets.values()) {
      if (ticket.tenantId !== tenantId || ticket.assignedAgentId === null || !isActive(ticket)) continue;
      active.set(ticket.assignedAgentId, (active.get(ticket.assignedAgentId) ?? 0) + 1);
    }
    return [...this.#db.users.values()]
      .filter((user) => user.tenantId === tenantId && user.role === 'agent' && user.active)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((user) => ({
        agentId: user.id,
        name: user.name,
        availability: user.availability,
        maxCustomers: user.maxCustomers,
        activeTickets: active.get(user.id) ?? 0,
        reportedLoad: reported(active.get(user.id) ?? 0, this.#db.reportedLoads.get(loadKey(tenantId, user.id))),
        lastAssignedAt: user.lastAssignedAt,
      }));
  }
}
