import type { Role, Status, Ticket } from './types.ts';

// API.md's transition table.
const moves: Readonly<Record<Status, ReadonlyArray<Status>>> = {
  open: ['in_progress', 'resolved', 'closed'],
  in_progress: ['open', 'resolved', 'closed'],
  resolved: ['in_progress', 'closed'],
  closed: [],
};

/** The status changes this user may make on this ticket (agents: only on their own tickets). */
export const allowedMoves = (ticket: Ticket, user: { readonly id: string; readonly role: Role }): ReadonlyArray<Status> =>
  user.role === 'admin' || ticket.assigned_agent_id === user.id ? moves[ticket.status] : [];

/** The label key of a move: from resolved back to work is a reopen. */
export const moveLabel = (from: Status, to: Status): 'open' | 'in_progress' | 'reopen' | 'resolved' | 'closed' =>
  from === 'resolved' && to === 'in_progress' ? 'reopen' : to;
