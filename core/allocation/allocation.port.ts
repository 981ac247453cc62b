import type { Stored } from '../shared/errors.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import type { Availability } from '../access/user.ts';
import type { Ticket } from '../tickets/ticket.ts';

/** An active agent with the figures the allocator decides on. */
export interface AgentLoad {
  readonly agentId: string;
  readonly name: string;
  readonly availability: Availability;
  /** The agent's own cap; null means the tenant default. */
  readonly maxCustomers: number | null;
  /** Our count of the agent's active (open or in_progress) tickets. */
  readonly activeTickets: number;
  /** The agent's load as the chat platform counts it, if it ever reported: our active tickets
   * plus what it counted beyond them when it last reported (rooms served outside Switchboard). */
  readonly reportedLoad: number | null;
  readonly lastAssignedAt: Date | null;
}

/** Active agents of a tenant and their loads. */
export interface AgentPool {
  /** Every active agent of the tenant (online or not), by id. */
  all(tenantId: string): Stored<ReadonlyArray<AgentLoad>>;
  /** The same rows, paged, by id. */
  list(tenantId: string, page: PageRequest): Stored<Page<AgentLoad>>;
  /** Records how many customers an external platform counts for the agent beyond our own active tickets
   * (its figure minus ours at that moment, at least 0): our later changes are then counted by us, so a
   * platform figure taken before a resolve cannot keep the agent full. */
  reportLoad(tenantId: string, agentId: string, beyondOurs: number): Stored<void>;
}

/** A waiting ticket and its place in the queue. */
export interface QueuedTicket {
  readonly ticket: Ticket;
  /** 1 = next to be allocated. */
  readonly position: number;
}

/** Who allocates a waiting ticket: our allocator (`native`), or the chat platform's agents for its rooms (`platform`). */
export type QueueLane = 'native' | 'platform';

/** The waiting tickets (active, unassigned, `queuedAt` set), in queue order: priority high → low, then `queuedAt`, then id. */
export interface AllocationQueue {
  /** The waiting tickets in queue order, paged. */
  list(tenantId: string, page: PageRequest): Stored<Page<QueuedTicket>>;
  /** The first `limit` waiting tickets of one lane, in queue order (the lanes share one order). */
  head(tenantId: string, limit: number, lane: QueueLane): Stored<ReadonlyArray<Ticket>>;
}
