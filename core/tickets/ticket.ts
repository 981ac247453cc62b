export const ticketStatuses = ['open', 'in_progress', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

export const ticketPriorities = ['low', 'medium', 'high'] as const;
export type TicketPriority = (typeof ticketPriorities)[number];

export const ticketChannels = ['api', 'webhook', 'qiscus'] as const;
export type TicketChannel = (typeof ticketChannels)[number];

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
  /** The Qiscus room id for `qiscus` tickets. */
  readonly externalRef: string | null;
  /** Set while the ticket waits in the allocation queue: when it (last) entered it. */
  readonly queuedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Active tickets count toward an agent's load. */
export const isActive = (ticket: Pick<Ticket, 'status'>): boolean =>
  ticket.status === 'open' || ticket.status === 'in_progress';
