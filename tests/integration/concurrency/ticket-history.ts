import { Cause, Exit } from 'effect';
import { expect } from 'vitest';
import type { DomainEvent } from '../../../core/shared/events.ts';
import type { Ticket, TicketStatus } from '../../../core/tickets/ticket.ts';

/** What the ticket events of the outbox say about a ticket at one point. */
export interface TicketState {
  readonly status: TicketStatus;
  readonly assignedAgentId: string | null;
  /** When the change was made (the event's occurredAt, the row's updatedAt). */
  readonly at: number;
}

const stateOf = (t: Ticket): TicketState => ({ status: t.status, assignedAgentId: t.assignedAgentId, at: t.updatedAt.getTime() });

/**
 * Replays the ticket's events in outbox order from its first state, checking that each event starts
 * where the previous one ended (`from` equals the previous `to`, `previousAgentId` the previous assignee).
 */
export const replay = (initial: Ticket, events: ReadonlyArray<DomainEvent>): TicketState[] => {
  const states: TicketState[] = [stateOf(initial)];
  for (const event of events) {
    const current = states[states.length - 1] as TicketState;
    const at = event.occurredAt.getTime();
    expect(at, `${event.type} happens after the change before it`).toBeGreaterThan(current.at);
    if (event.type === 'ticket.status_changed') {
      expect(event.payload.from, 'status_changed.from is the previous to').toBe(current.status);
      expect(event.payload.agentId).toBe(current.assignedAgentId);
      states.push({ ...current, status: event.payload.to, at });
    } else if (event.type === 'ticket.assigned') {
      expect(event.payload.previousAgentId).toBe(current.assignedAgentId);
      expect(event.payload.agentId).not.toBe(current.assignedAgentId);
      states.push({ ...current, assignedAgentId: event.payload.agentId, at });
    } else if (event.type === 'ticket.unassigned') {
      expect(event.payload.previousAgentId).toBe(current.assignedAgentId);
      states.push({ ...current, assignedAgentId: null, at });
    }
  }
  return states;
};

export const ticketEvents = (events: ReadonlyArray<DomainEvent>, ticketId: string): DomainEvent[] =>
  events.filter(
    (e) => (e.type === 'ticket.status_changed' || e.type === 'ticket.assigned' || e.type === 'ticket.unassigned') && e.payload.ticketId === ticketId,
  );

/** The tags a failed call may end with; anything else (a defect, a store failure, an interruption) fails the test. */
export const expectOnlyTagged = <A, E>(exits: ReadonlyArray<Exit.Exit<A, E>>, allowed: ReadonlyArray<string>): void => {
  for (const exit of exits) {
    if (Exit.isSuccess(exit)) continue;
    const failures = exit.cause.reasons.filter(Cause.isFailReason).map((r) => (r.error as { _tag?: string })._tag);
    expect(failures.length, `an expected failure, not ${Cause.pretty(exit.cause)}`).toBe(exit.cause.reasons.length);
    for (const tag of failures) expect(allowed).toContain(tag);
  }
};

/** Every successful change result is one state of the chain, and the newest one is the row as stored. */
export const expectResultsOnChain = (results: ReadonlyArray<Ticket>, chain: ReadonlyArray<TicketState>, final: Ticket): void => {
  const byTime = new Map(chain.map((s) => [s.at, s]));
  for (const ticket of results) expect(byTime.get(ticket.updatedAt.getTime()), 'a result is a committed state').toEqual(stateOf(ticket));
  expect(stateOf(final)).toEqual(chain[chain.length - 1]);
  const newest = results.reduce<Ticket | null>((a, b) => (a === null || b.updatedAt > a.updatedAt ? b : a), null);
  if (newest !== null) expect(stateOf(final)).toEqual(stateOf(newest));
};
