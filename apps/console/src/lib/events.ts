import type { Paged } from './paging.ts';
import type { EventEnvelope, Message, Priority, Status, Ticket } from './types.ts';

/** What an inbox tab lists; `assigned` is an agent id, `none` (unassigned) or absent (anyone). */
export interface TicketFilter {
  readonly status?: Status | undefined;
  readonly priority?: Priority | undefined;
  readonly assigned?: string | undefined;
}

export const matches = (ticket: Ticket, filter: TicketFilter): boolean =>
  (filter.status === undefined || ticket.status === filter.status) &&
  (filter.priority === undefined || ticket.priority === filter.priority) &&
  (filter.assigned === undefined || (ticket.assigned_agent_id ?? 'none') === filter.assigned);

/** The API's list order: newest first (`created_at`, then `id`, descending). */
const newerFirst = (a: Ticket, b: Ticket): number =>
  a.created_at === b.created_at ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.created_at < b.created_at ? 1 : -1;

/**
 * A ticket as an event shows it now: updated where it is, added at its place, or removed when it no
 * longer fits the filter. A ticket beyond the pages read so far is left for paging to bring.
 */
export const applyTicket = (state: Paged<Ticket>, ticket: Ticket, filter: TicketFilter): Paged<Ticket> => {
  const at = state.items.findIndex((item) => item.id === ticket.id);
  if (!matches(ticket, filter)) return at === -1 ? state : { ...state, items: state.items.filter((item) => item.id !== ticket.id) };
  if (at !== -1) return { ...state, items: state.items.map((item, i) => (i === at ? ticket : item)) };
  const place = state.items.findIndex((item) => newerFirst(ticket, item) < 0);
  if (place === -1 && !state.done) return state;
  const items = [...state.items];
  items.splice(place === -1 ? items.length : place, 0, ticket);
  return { ...state, items };
};

/** Adds a message to a conversation (oldest first) once, at its place by time. */
export const mergeMessage = (messages: ReadonlyArray<Message>, message: Message): ReadonlyArray<Message> => {
  if (messages.some((m) => m.id === message.id)) return messages;
  let at = messages.length;
  while (at > 0 && (messages[at - 1] as Message).created_at > message.created_at) at--;
  return [...messages.slice(0, at), message, ...messages.slice(at)];
};

/** Drops an event about a ticket whose `sequence` was already seen (a replay after resuming). */
export class SequenceGate {
  private readonly last = new Map<string, number>();

  accept(event: EventEnvelope): boolean {
    const ticketId = ticketIdOf(event);
    if (event.sequence === null || ticketId === undefined) return true;
    const seen = this.last.get(ticketId) ?? 0;
    if (event.sequence <= seen) return false;
    this.last.set(ticketId, event.sequence);
    return true;
  }

  /** After a reset everything is read again, so any sequence is news. */
  clear(): void {
    this.last.clear();
  }
}

export const ticketIdOf = (event: EventEnvelope): string | undefined => event.data.ticket?.id ?? event.data.ticket_id ?? event.data.message?.ticket_id;

/** Whether this event hands a ticket to `userId` (for the opt-in notification). */
export const assignedTo = (event: EventEnvelope, userId: string): boolean =>
  event.type === 'ticket.assigned' && event.data.ticket?.assigned_agent_id === userId && event.data.previous_agent_id !== userId;
