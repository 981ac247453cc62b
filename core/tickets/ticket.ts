import type { TicketSla } from '../sla/ticket-sla.ts';

/** Every ticket status; which moves are allowed is `canTransition`. */
export const ticketStatuses = ['open', 'in_progress', 'resolved', 'closed'] as const;
/** A ticket's status. */
export type TicketStatus = (typeof ticketStatuses)[number];

/** Ticket priorities, lowest first. */
export const ticketPriorities = ['low', 'medium', 'high'] as const;
/** A ticket's priority. */
export type TicketPriority = (typeof ticketPriorities)[number];

/** The chat platforms' channels (API.md's values): a platform room's ticket carries its platform's. A second platform adds its value here. */
export const platformChannels = ['qiscus'] as const;
/** A chat platform's channel. */
export type PlatformChannel = (typeof platformChannels)[number];

/** Where a ticket came from: the staff API, a channel webhook, or a chat platform's room. */
export const ticketChannels = ['api', 'webhook', ...platformChannels] as const;
/** A ticket's origin. */
export type TicketChannel = (typeof ticketChannels)[number];

/** Whether tickets of the channel are a chat platform's rooms (its agents take them, not the native allocator). */
export const isPlatformChannel = (channel: TicketChannel): channel is PlatformChannel => (platformChannels as ReadonlyArray<string>).includes(channel);

/** A customer's request and its handling: status, priority, assigned agent, queue and SLA state. */
export interface Ticket {
  readonly id: string;
  readonly tenantId: string;
  readonly title: string;
  readonly description: string | null;
  readonly status: TicketStatus;
  readonly priority: TicketPriority;
  readonly assignedAgentId: string | null;
  readonly customerId: string;
  readonly channel: TicketChannel;
  readonly channelId: string | null;
  /** The chat platform's room id for a platform channel's tickets. */
  readonly externalRef: string | null;
  /** Set while the ticket waits in the allocation queue: when it (last) entered it. */
  readonly queuedAt: Date | null;
  /** The SLA fixed at creation; null when the priority had no target. */
  readonly sla: TicketSla | null;
  /** The first message of a staff user, and who sent it. */
  readonly firstRespondedAt: Date | null;
  readonly firstResponderId: string | null;
  /** Set while resolved (and kept when closed from resolved); back to null on reopen. */
  readonly resolvedAt: Date | null;
  /** When the current assignee got the ticket. */
  readonly assignedAt: Date | null;
  /** The first assignment, and how long the ticket had waited in the queue for it (null: never queued). */
  readonly firstAssignedAt: Date | null;
  readonly waitMs: number | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What a ticket records about its clocks before anything happened to it (no SLA, unanswered, never assigned). */
export const newTicketFacts = {
  sla: null,
  firstRespondedAt: null,
  firstResponderId: null,
  resolvedAt: null,
  assignedAt: null,
  firstAssignedAt: null,
  waitMs: null,
} as const satisfies Partial<Ticket>;

/** Active tickets count toward an agent's load. */
export const isActive = (ticket: Pick<Ticket, 'status'>): boolean =>
  ticket.status === 'open' || ticket.status === 'in_progress';
