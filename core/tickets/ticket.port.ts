import type { DuplicateKey, Stored } from '../shared/errors.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import type { Ticket, TicketChannel, TicketPriority, TicketStatus } from './ticket.ts';

/** Which tickets a list returns. */
export interface TicketFilter {
  readonly status?: TicketStatus;
  /** An agent id, or 'none' for unassigned tickets. */
  readonly assignedAgentId?: string;
  readonly priority?: TicketPriority;
  readonly customerId?: string;
  /** `breached`: a target was breached; `due_soon`: a running target is due after `now` and within the hour. */
  readonly sla?: { readonly state: 'breached' | 'due_soon'; readonly now: Date };
}

/** `due_soon` looks this far ahead (API.md "SLA"). */
export const dueSoonMs = 60 * 60 * 1000;

/**
 * Tickets. Unique key `tickets.external_ref`: (tenant, channel, external_ref) among ACTIVE tickets
 * (open or in_progress) with external_ref set: a chat platform room has at most one active ticket, and a new
 * session of a room whose ticket is resolved or closed gets a new ticket with the same reference.
 */
export interface TicketRepository {
  /** With `forUpdate`, the row stays locked until the unit of work ends (no lost updates). */
  get(tenantId: string, id: string, options?: { readonly forUpdate?: boolean }): Stored<Ticket | null>;
  /** Newest first: created_at, then id, descending. */
  list(tenantId: string, filter: TicketFilter, page: PageRequest): Stored<Page<Ticket>>;
  /** Stores a new ticket; `DuplicateKey` when its external id is taken. */
  insert(ticket: Ticket): Stored<void, DuplicateKey>;
  /** Replaces a stored ticket. */
  update(ticket: Ticket): Stored<void>;
  /** The customer's active (open or in_progress) ticket on a channel, if any. */
  findActiveForCustomer(tenantId: string, channelId: string, customerId: string): Stored<Ticket | null>;
  /** Ids of the tenant's tickets with a running SLA target due at or before `now`, earliest first. */
  slaDue(tenantId: string, now: Date, limit: number): Stored<ReadonlyArray<string>>;
  /** The newest ticket with this external reference on a channel kind (a chat platform room), if any. */
  findLatestByExternalRef(tenantId: string, channel: TicketChannel, externalRef: string): Stored<Ticket | null>;
}
