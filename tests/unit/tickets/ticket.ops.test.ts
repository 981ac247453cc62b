import { Result } from 'effect';
import { describe, expect, it } from 'vitest';
import { ticketStatuses, type Ticket, type TicketStatus } from '../../../core/tickets/ticket.ts';
import {
  assign,
  changeStatus,
  createTicket,
  enterQueue,
  isWaiting,
  unassign,
  type TicketChange,
} from '../../../core/tickets/ticket.ops.ts';
import { confirmHold, dropStaleAssignment, hold, releaseHold } from '../../../core/tickets/room-hold.ops.ts';
import { aTicket } from '../../support/ticket-builders.ts';

const now = new Date('2026-11-21T09:00:00.000Z');
const earlier = new Date('2026-11-21T08:30:00.000Z');
const noSla = { sla: null, businessHours: null };
let counter = 0;
const ids = { next: () => `event-${++counter}` };
const at = { now, ids };
const on = { now, ids, autoAssign: true };
const off = { now, ids, autoAssign: false };
const staff = { by: 'staff' } as const;
const decision = { candidates: [], considered: 1, reason: 'least_loaded' } as const;
const ticketIn = (status: TicketStatus) => aTicket('tenant-1', 'customer-1').withStatus(status);

// API.md "Allowed moves", written out independently of the implementation's table.
const allowedByContract: Record<TicketStatus, TicketStatus[]> = {
  open: ['in_progress', 'resolved', 'closed'],
  in_progress: ['open', 'resolved', 'closed'],
  resolved: ['in_progress', 'closed'],
  closed: [],
};
const pairs = ticketStatuses.flatMap((from) => ticketStatuses.map((to) => ({ from, to })));

const success = <A, E>(result: Result.Result<A, E>): A => {
  if (Result.isFailure(result)) throw new Error(`expected success, got ${String((result.failure as { _tag?: string })._tag)}`);
  return result.success;
};
const changed = <E,>(result: Result.Result<TicketChange, E>) => success(result).ticket;
const types = (change: TicketChange) => change.events.map((e) => e.type);
const failure = <A, E>(result: Result.Result<A, E>): E => {
  if (Result.isSuccess(result)) throw new Error('expected a failure');
  return result.failure;
};

describe('the transition table', () => {
  it('covers all 16 from × to pairs', () => expect(pairs).toHaveLength(16));

  it.each(pairs)('$from → $to', ({ from, to }) => {
    const ticket = ticketIn(from).build();
    const result = changeStatus(ticket, to, on);
    if (from === to) {
      expect(success(result)).toEqual({ ticket, events: [] });
      expect(success(result).ticket).toBe(ticket);
    } else if (allowedByContract[from].includes(to)) {
      expect(success(result).ticket).toMatchObject({ status: to, updatedAt: now });
      expect(success(result).events[0]).toMatchObject({ type: 'ticket.status_changed', tenantId: ticket.tenantId, occurredAt: now, payload: { ticketId: ticket.id, from, to } });
    } else {
      expect(failure(result)).toMatchObject({ _tag: 'InvalidTransition', from, to, allowed: allowedByContract[from] });
    }
  });

  it('reports "none" allowed from closed as an empty list', () => {
    expect(failure(changeStatus(ticketIn('closed').build(), 'open', on)).allowed).toEqual([]);
  });
});

describe('queue semantics', () => {
  it('a new auto-assigned ticket is queued at creation time; otherwise not', () => {
    const base = { id: 't1', tenantId: 'x', title: 'Hi', customerId: 'c', channel: 'api' as const, slaSettings: noSla, now };
    expect(changed(createTicket({ ...base, autoAssign: true }, ids))).toMatchObject({ queuedAt: now, status: 'open', priority: 'medium', assignedAgentId: null });
    expect(changed(createTicket({ ...base, autoAssign: false }, ids)).queuedAt).toBeNull();
  });

  it.each(['resolved', 'closed'] as const)('moving to %s leaves the queue', (to) => {
    const queued = ticketIn('open').queuedAt(earlier).build();
    const moved = changed(changeStatus(queued, to, on));
    expect(moved.queuedAt).toBeNull();
    expect(isWaiting(moved)).toBe(false);
  });

  it('open ↔ in_progress keeps the queue position', () => {
    const queued = ticketIn('open').queuedAt(earlier).build();
    expect(changed(changeStatus(queued, 'in_progress', on)).queuedAt).toEqual(earlier);
  });

  it('reopening keeps the assignee and does not queue an assigned ticket', () => {
    const reopened = changed(changeStatus(ticketIn('resolved').assignedTo('agent-1').build(), 'in_progress', on));
    expect(reopened).toMatchObject({ status: 'in_progress', assignedAgentId: 'agent-1', queuedAt: null });
  });

  it('reopening an unassigned ticket queues it only when auto_assign is on', () => {
    const resolved = ticketIn('resolved').build();
    expect(changed(changeStatus(resolved, 'in_progress', on)).queuedAt).toEqual(now);
    expect(changed(changeStatus(resolved, 'in_progress', off)).queuedAt).toBeNull();
  });

  it('assigning takes the ticket out of the queue', () => {
    const assigned = changed(assign(ticketIn('open').queuedAt(earlier).build(), 'agent-1', at, staff));
    expect(assigned).toMatchObject({ assignedAgentId: 'agent-1', queuedAt: null, updatedAt: now });
  });

  it('assigning the same agent again is a no-op', () => {
    const ticket = ticketIn('open').assignedTo('agent-1').build();
    expect(changed(assign(ticket, 'agent-1', at, staff))).toBe(ticket);
  });

  it.each(['open', 'in_progress'] as const)('unassigning an active (%s) ticket queues it when auto_assign is on', (status) => {
    const ticket = ticketIn(status).assignedTo('agent-1').build();
    expect(changed(unassign(ticket, on))).toMatchObject({ assignedAgentId: null, queuedAt: now });
    expect(changed(unassign(ticket, off))).toMatchObject({ assignedAgentId: null, queuedAt: null });
  });

  it('unassigning a resolved ticket never queues it', () => {
    expect(changed(unassign(ticketIn('resolved').assignedTo('agent-1').build(), on)).queuedAt).toBeNull();
  });

  it('a closed ticket can be neither assigned nor unassigned', () => {
    const closed: Ticket = ticketIn('closed').assignedTo('agent-1').build();
    expect(failure(assign(closed, 'agent-2', at, staff))._tag).toBe('TicketClosed');
    expect(failure(unassign(closed, on))._tag).toBe('TicketClosed');
  });
});

describe('createTicket validation (code points)', () => {
  const base = { id: 't1', tenantId: 'x', customerId: 'c', channel: 'api' as const, autoAssign: false, slaSettings: noSla, now };

  it('accepts 200 emoji as a title and keeps it exactly', () => {
    const title = '😀'.repeat(200);
    expect(title.length).toBe(400);
    expect(changed(createTicket({ ...base, title }, ids)).title).toBe(title);
  });

  it.each([
    ['an empty title', { title: '' }, 'title'],
    ['a blank title', { title: '   ' }, 'title'],
    ['a 201 code point title', { title: '𝄞'.repeat(201) }, 'title'],
    ['a 10001 code point description', { title: 'ok', description: '🎉'.repeat(10_001) }, 'description'],
  ])('refuses %s', (_name, fields, path) => {
    expect(failure(createTicket({ ...base, ...{ title: 'x' }, ...fields }, ids))).toMatchObject({ _tag: 'InvalidInput', path });
  });

  it('accepts a 10000 code point description', () => {
    const description = '🎉'.repeat(10_000);
    expect(changed(createTicket({ ...base, title: 'ok', description }, ids)).description).toBe(description);
  });
});

describe('every change carries its events (a change and its event cannot be separated)', () => {
  const base = { id: 't1', tenantId: 'x', title: 'Hi', customerId: 'c', slaSettings: noSla, now };

  it('a new ticket is announced; a room ticket is also queued for the platform allocator', () => {
    const native = success(createTicket({ ...base, channel: 'api', autoAssign: true }, ids));
    expect(types(native)).toEqual(['ticket.created']);
    expect(native.events[0]).toMatchObject({ payload: { ticketId: 't1', channel: 'api', autoAssign: true } });
    const room = success(createTicket({ ...base, channel: 'qiscus', externalRef: 'room-1', autoAssign: false }, ids));
    expect(room.ticket.queuedAt).toEqual(now);
    expect(types(room)).toEqual(['ticket.created', 'room.queued']);
    expect(room.events[0]).toMatchObject({ payload: { autoAssign: false } });
    expect(room.events[1]).toMatchObject({ payload: { ticketId: 't1', roomId: 'room-1' } });
  });

  it('every event gets its own id from the generator', () => {
    const room = success(createTicket({ ...base, channel: 'qiscus', externalRef: 'room-1', autoAssign: false }, ids));
    expect(new Set(room.events.map((e) => e.id)).size).toBe(2);
  });

  it('an assignment names who made it, the previous agent and the decision', () => {
    const byStaff = success(assign(ticketIn('open').assignedTo('agent-1').build(), 'agent-2', at, staff));
    expect(byStaff.events).toMatchObject([{ type: 'ticket.assigned', payload: { agentId: 'agent-2', previousAgentId: 'agent-1', by: 'staff', decision: null } }]);
    const byAllocator = success(assign(ticketIn('open').queuedAt(earlier).build(), 'agent-1', at, { by: 'allocator', decision }));
    expect(byAllocator.events).toMatchObject([{ type: 'ticket.assigned', payload: { by: 'allocator', decision, previousAgentId: null } }]);
  });

  it('unassigning announces the agent removed; an unassigned ticket stays as it is', () => {
    const change = success(unassign(ticketIn('open').assignedTo('agent-1').build(), on));
    expect(change.events).toMatchObject([{ type: 'ticket.unassigned', payload: { previousAgentId: 'agent-1' } }]);
    const none = ticketIn('open').build();
    expect(success(unassign(none, on))).toEqual({ ticket: none, events: [] });
  });

  it('a hold is counted (assigned in the store) but announced only when the platform confirms it', () => {
    const waiting = ticketIn('open').queuedAt(earlier).build();
    const held = success(hold(waiting, 'agent-1', at));
    expect(held.events).toEqual([]);
    expect(held.ticket).toMatchObject({ assignedAgentId: 'agent-1', queuedAt: null });
    const confirmed = confirmHold(held.ticket, 'agent-1', at, decision);
    expect(confirmed.ticket).toBe(held.ticket);
    expect(confirmed.events).toMatchObject([{ type: 'ticket.assigned', payload: { agentId: 'agent-1', by: 'allocator', decision } }]);
  });

  it('an allocator assignment records how long the ticket waited in its lane (queueWait, for metrics); a staff one does not', () => {
    const waiting = ticketIn('open').queuedAt(earlier).build();
    const byAllocator = success(assign(waiting, 'agent-1', at, { by: 'allocator', decision }));
    expect(byAllocator.events).toMatchObject([{ payload: { queueWait: { lane: 'native', ms: 30 * 60_000 } } }]);
    expect(success(assign(waiting, 'agent-1', at, staff)).events[0]?.payload).not.toHaveProperty('queueWait');
    const neverQueued = success(assign({ ...ticketIn('open').build(), queuedAt: null }, 'agent-1', at, { by: 'allocator', decision }));
    expect(neverQueued.events[0]?.payload).not.toHaveProperty('queueWait');
    const room = { ...waiting, channel: 'qiscus' as const, externalRef: 'room-1' };
    const held = success(hold(room, 'agent-1', at)).ticket;
    expect(confirmHold(held, 'agent-1', at, decision, earlier).events).toMatchObject([{ payload: { queueWait: { lane: 'platform', ms: 30 * 60_000 } } }]);
  });

  it('a hold confirmed for another agent (who turned out to serve the room) is announced for that agent', () => {
    const held = success(hold(ticketIn('open').queuedAt(earlier).build(), 'agent-1', at)).ticket;
    const confirmed = confirmHold(held, 'agent-9', at, decision);
    expect(confirmed.ticket.assignedAgentId).toBe('agent-9');
    expect(confirmed.events).toMatchObject([{ payload: { agentId: 'agent-9' } }]);
  });

  it('a released hold goes back to its queue place, silently', () => {
    const held = success(hold(ticketIn('open').queuedAt(earlier).build(), 'agent-1', at)).ticket;
    const released = releaseHold(held, earlier, at);
    expect(released.events).toEqual([]);
    expect(released.ticket).toMatchObject({ assignedAgentId: null, queuedAt: earlier });
  });

  it('a stale assignment dropped by reconciliation is announced as unassigned', () => {
    const change = dropStaleAssignment(ticketIn('open').assignedTo('agent-1').build(), earlier, at);
    expect(change.ticket).toMatchObject({ assignedAgentId: null, queuedAt: earlier });
    expect(change.events).toMatchObject([{ type: 'ticket.unassigned', payload: { previousAgentId: 'agent-1' } }]);
  });

  it('a room entering the queue again is announced for the platform allocator; a native ticket is not', () => {
    const native = enterQueue(ticketIn('open').build(), at);
    expect(native.events).toEqual([]);
    const qiscus = enterQueue({ ...ticketIn('open').build(), channel: 'qiscus', externalRef: 'room-7' }, at);
    expect(qiscus.ticket.queuedAt).toEqual(now);
    expect(qiscus.events).toMatchObject([{ type: 'room.queued', payload: { roomId: 'room-7' } }]);
  });

  it('a resolve by the platform says so, so nothing is told back', () => {
    const change = success(changeStatus(ticketIn('open').assignedTo('agent-1').build(), 'resolved', on, 'platform'));
    expect(change.events).toMatchObject([{ type: 'ticket.status_changed', payload: { to: 'resolved', agentId: 'agent-1', by: 'platform' } }]);
    const byStaff = success(changeStatus(ticketIn('open').build(), 'resolved', on));
    expect(byStaff.events[0]?.payload).not.toHaveProperty('by');
  });
});
