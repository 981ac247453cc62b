import type { User } from '../access/user.ts';
import type { DomainEvent } from '../shared/events.ts';
import type { Message } from '../tickets/message.ts';
import type { Ticket } from '../tickets/ticket.ts';
import type { EventRecord } from './envelope.ts';
import { decisionView, messageView, ticketView, userView } from './public-views.ts';

/** The object a public event carries, as it was when the event happened. */
export type Subject = { readonly ticket: Ticket } | { readonly message: Message } | { readonly user: User };

export type SubjectRef = { readonly kind: 'ticket' | 'message' | 'user'; readonly id: string };

/** Which object an event needs in its envelope; null for events that are not public. */
export const subjectOf = (event: DomainEvent): SubjectRef | null => {
  switch (event.type) {
    case 'ticket.created':
    case 'ticket.assigned':
    case 'ticket.unassigned':
    case 'ticket.status_changed':
    case 'allocation.queued':
    case 'sla.breached':
      return { kind: 'ticket', id: event.payload.ticketId };
    case 'message.created':
      return { kind: 'message', id: event.payload.messageId };
    case 'agent.availability_changed':
      return { kind: 'user', id: event.payload.agentId };
    case 'agent.capacity_changed':
    case 'settings.changed':
    case 'room.queued':
    case 'webhook.redelivery_requested':
      return null;
  }
};

const base = (event: DomainEvent, ticketId: string | null) =>
  ({ eventId: event.id, tenantId: event.tenantId, occurredAt: event.occurredAt, ticketId }) as const;

/** The envelope's fields for a public event and its subject (pure); null when the event is not public or the subject does not fit. */
export const eventRecord = (event: DomainEvent, subject: Subject): EventRecord | null => {
  if ('message' in subject) {
    if (event.type !== 'message.created') return null;
    const { message } = subject;
    return { ...base(event, message.ticketId), type: event.type, data: { message: messageView(message), ticket_id: message.ticketId } };
  }
  if ('user' in subject) {
    if (event.type !== 'agent.availability_changed') return null;
    const to = event.payload.availability;
    // Availability has two values and only real changes are announced.
    const from = to === 'online' ? 'offline' : 'online';
    return { ...base(event, null), type: event.type, data: { user: userView(subject.user), from, to } };
  }
  const ticket = ticketView(subject.ticket);
  const at = base(event, subject.ticket.id);
  switch (event.type) {
    case 'ticket.created':
      return { ...at, type: event.type, data: { ticket } };
    case 'ticket.assigned': {
      const { previousAgentId, decision } = event.payload;
      return { ...at, type: event.type, data: { ticket, previous_agent_id: previousAgentId, decision: decision === null ? null : decisionView(decision) } };
    }
    case 'ticket.unassigned':
      return { ...at, type: event.type, data: { ticket, previous_agent_id: event.payload.previousAgentId } };
    case 'ticket.status_changed':
      return { ...at, type: event.type, data: { ticket, from: event.payload.from, to: event.payload.to } };
    case 'allocation.queued':
      return { ...at, type: event.type, data: { ticket, decision: decisionView(event.payload.decision) } };
    case 'sla.breached':
      return { ...at, type: event.type, data: { ticket, target: event.payload.target } };
    default:
      return null;
  }
};
