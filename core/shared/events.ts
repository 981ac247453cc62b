import type { TicketChannel, TicketPriority, TicketStatus } from '../tickets/ticket.ts';
import type { SenderType } from '../tickets/message.ts';
import type { Availability } from '../access/user.ts';

/** One candidate the allocator looked at, with the figures it decided on. */
export interface AllocationCandidate {
  readonly agentId: string;
  readonly load: number;
  readonly capacity: number;
}

/** Why the allocator picked (or did not pick) an agent; carried by `ticket.assigned` and `allocation.queued`. */
export interface AllocationDecision {
  /** The online agents in the allocator's order of preference (the chosen one first), at most 20 of them. */
  readonly candidates: ReadonlyArray<AllocationCandidate>;
  /** How many online agents were considered in all. */
  readonly considered: number;
  readonly reason: 'least_loaded' | 'longest_idle' | 'lowest_id' | 'no_capacity' | 'no_agent_online';
  /** Older waiting tickets this assignment went ahead of (at most 20), each with why none of its agents could take it. */
  readonly passedOver?: ReadonlyArray<PassedOverTicket>;
}

/** How long an allocated ticket waited in its queue lane, from `queuedAt` to the assignment. */
export interface QueueWait {
  readonly lane: 'native' | 'platform';
  readonly ms: number;
}

/** An older waiting ticket an assignment went ahead of: no agent eligible for it had room at that moment. */
export interface PassedOverTicket {
  readonly ticketId: string;
  readonly reason: 'no_eligible_agent_with_room';
}

interface Payloads {
  'ticket.created': { ticketId: string; channel: TicketChannel; priority: TicketPriority; autoAssign: boolean };
  'ticket.assigned': {
    ticketId: string;
    agentId: string;
    previousAgentId: string | null;
    by: 'allocator' | 'staff';
    decision: AllocationDecision | null;
    /** The allocator took it out of the queue: which lane, and how long it waited (queued → assigned). Not public; for metrics. */
    queueWait?: QueueWait;
  };
  'ticket.unassigned': { ticketId: string; previousAgentId: string };
  /** `by: 'platform'`: the chat platform ended the conversation itself (nothing to tell it back). */
  'ticket.status_changed': { ticketId: string; from: TicketStatus; to: TicketStatus; agentId: string | null; by?: 'platform' };
  'message.created': { ticketId: string; messageId: string; senderType: SenderType };
  'allocation.queued': { ticketId: string; decision: AllocationDecision };
  'agent.availability_changed': { agentId: string; availability: Availability };
  'agent.capacity_changed': { agentId: string; active: boolean; maxCustomers: number | null };
  'settings.changed': { maxCustomersPerAgent: number; autoAssign: boolean };
  /** A chat-platform room's ticket entered the queue; the platform allocator (not the native one) takes it. */
  'room.queued': { ticketId: string; roomId: string };
  /** A ticket missed an SLA target. */
  'sla.breached': { ticketId: string; target: 'first_response' | 'resolution' };
  /** An admin queued one more attempt of a webhook delivery: it wakes the dispatcher wherever it runs. Not public. */
  'webhook.redelivery_requested': { webhookId: string; deliveryId: string };
}

/** The name of a domain event, e.g. `ticket.created`. */
export type DomainEventType = keyof Payloads;

/** Something that happened in a tenant; appended to the outbox in the same unit of work as the change. */
export type DomainEvent = {
  [T in DomainEventType]: {
    readonly id: string;
    readonly type: T;
    readonly tenantId: string;
    readonly occurredAt: Date;
    readonly payload: Readonly<Payloads[T]>;
  };
}[DomainEventType];

/** The domain event of one type. */
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;
export type EventPayload<T extends DomainEventType> = Payloads[T];

/** Builds an event; id and time are inputs, like everywhere in the core. */
export const domainEvent = <T extends DomainEventType>(
  type: T,
  meta: { readonly id: string; readonly tenantId: string; readonly occurredAt: Date },
  payload: Payloads[T],
): EventOf<T> => ({ ...meta, type, payload }) as unknown as EventOf<T>;

/** The `queueWait` of an allocator assignment: none for a ticket that was not queued. */
export const queueWaitOf = (lane: QueueWait['lane'], queuedAt: Date | null, now: Date): { queueWait?: QueueWait } =>
  queuedAt === null ? {} : { queueWait: { lane, ms: Math.max(0, now.getTime() - queuedAt.getTime()) } };
