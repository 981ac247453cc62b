import { Result } from 'effect';
import { domainEvent, type AllocationDecision } from '../shared/events.ts';
import type { Ticket } from './ticket.ts';
import { assignedEvent, handTo, meta, noEvents, type OpContext, type TicketChange } from './ticket.ops.ts';
import { TicketClosed } from './tickets.errors.ts';

/**
 * Holds a waiting room's ticket for an agent while the chat platform is asked: every concurrent
 * allocation counts it, but nothing is announced until `confirmHold`.
 */
export const hold = (ticket: Ticket, agentId: string, context: OpContext): Result.Result<TicketChange, TicketClosed> => {
  if (ticket.status === 'closed') return Result.fail(new TicketClosed({ ticketId: ticket.id }));
  return Result.succeed(noEvents(handTo(ticket, agentId, context.now)));
};

/**
 * The platform took a held ticket: announced as assigned to `servedBy` (the agent it was held for, or who turned out to serve the room).
 * `queuedAt`: where the ticket stood in the queue before the hold (its wait runs until now).
 */
export const confirmHold = (ticket: Ticket, servedBy: string, context: OpContext, decision: AllocationDecision, queuedAt: Date | null = null): TicketChange => {
  const served = servedBy === ticket.assignedAgentId ? ticket : { ...ticket, assignedAgentId: servedBy, updatedAt: context.now };
  return { ticket: served, events: [assignedEvent(context, ticket, servedBy, null, { by: 'allocator', decision }, queuedAt)] };
};

/** What an assignment records for the reports' queue wait (`handTo` sets them on the first one). */
export type FirstAssignment = Pick<Ticket, 'firstAssignedAt' | 'waitMs'>;

/** The ticket's first assignment as it stands, to restore when a hold is released. */
export const firstAssignmentOf = (ticket: Ticket): FirstAssignment => ({ firstAssignedAt: ticket.firstAssignedAt, waitMs: ticket.waitMs });

/**
 * Takes a held (not yet announced) assignment back: to the queue at `queuedAt`, or out of it when null.
 * `before` (the ticket's first assignment as it was when held) is restored: a hold the platform did not
 * take is no assignment, so the queue wait (API.md `wait_seconds`) is measured when one really happens.
 */
export const releaseHold = (ticket: Ticket, queuedAt: Date | null, context: OpContext, before?: FirstAssignment): TicketChange =>
  noEvents({ ...ticket, assignedAgentId: null, queuedAt, assignedAt: null, ...before, updatedAt: context.now });

/** A stale assignment of a room the platform says nobody serves is undone (`ticket.unassigned`); the ticket waits again at `queuedAt`. */
export const dropStaleAssignment = (ticket: Ticket, queuedAt: Date, context: OpContext): TicketChange => {
  const previousAgentId = ticket.assignedAgentId;
  if (previousAgentId === null) return noEvents(ticket);
  return {
    ticket: { ...ticket, assignedAgentId: null, queuedAt, updatedAt: context.now },
    events: [domainEvent('ticket.unassigned', meta(context, ticket), { ticketId: ticket.id, previousAgentId })],
  };
};
