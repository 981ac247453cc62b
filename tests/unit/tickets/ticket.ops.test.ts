import { Result } from 'effect';
import { describe, expect, it } from 'vitest';
import { ticketStatuses, type Ticket, type TicketStatus } from '../../../core/tickets/ticket.ts';
import { assign, changeStatus, createTicket, isWaiting, unassign } from '../../../core/tickets/ticket.ops.ts';
import { aTicket } from '../../support/ticket-builders.ts';

const now = new Date('2026-11-21T09:00:00.000Z');
const earlier = new Date('2026-11-21T08:30:00.000Z');
const noSla = { sla: null, businessHours: null };
const on = { now, autoAssign: true };
const off = { now, autoAssign: false };
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
      expect(success(result)).toBe(ticket);
    } else if (allowedByContract[from].includes(to)) {
      expect(success(result)).toMatchObject({ status: to, updatedAt: now });
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
    expect(success(createTicket({ ...base, autoAssign: true }))).toMatchObject({ queuedAt: now, status: 'open', priority: 'medium', assignedAgentId: null });
    expect(success(createTicket({ ...base, autoAssign: false })).queuedAt).toBeNull();
  });

  it.each(['resolved', 'closed'] as const)('moving to %s leaves the queue', (to) => {
    const queued = ticketIn('open').queuedAt(earlier).build();
    const moved = success(changeStatus(queued, to, on));
    expect(moved.queuedAt).toBeNull();
    expect(isWaiting(moved)).toBe(false);
  });

  it('open ↔ in_progress keeps the queue position', () => {
    const queued = ticketIn('open').queuedAt(earlier).build();
    expect(success(changeStatus(queued, 'in_progress', on)).queuedAt).toEqual(earlier);
  });

  it('reopening keeps the assignee and does not queue an assigned ticket', () => {
    const reopened = success(changeStatus(ticketIn('resolved').assignedTo('agent-1').build(), 'in_progress', on));
    expect(reopened).toMatchObject({ status: 'in_progress', assignedAgentId: 'agent-1', queuedAt: null });
  });

  it('reopening an unassigned ticket queues it only when auto_assign is on', () => {
    const resolved = ticketIn('resolved').build();
    expect(success(changeStatus(resolved, 'in_progress', on)).queuedAt).toEqual(now);
    expect(success(changeStatus(resolved, 'in_progress', off)).queuedAt).toBeNull();
  });

  it('assigning takes the ticket out of the queue', () => {
    const assigned = success(assign(ticketIn('open').queuedAt(earlier).build(), 'agent-1', now));
    expect(assigned).toMatchObject({ assignedAgentId: 'agent-1', queuedAt: null, updatedAt: now });
  });

  it('assigning the same agent again is a no-op', () => {
    const ticket = ticketIn('open').assignedTo('agent-1').build();
    expect(success(assign(ticket, 'agent-1', now))).toBe(ticket);
  });

  it.each(['open', 'in_progress'] as const)('unassigning an active (%s) ticket queues it when auto_assign is on', (status) => {
    const ticket = ticketIn(status).assignedTo('agent-1').build();
    expect(success(unassign(ticket, on))).toMatchObject({ assignedAgentId: null, queuedAt: now });
    expect(success(unassign(ticket, off))).toMatchObject({ assignedAgentId: null, queuedAt: null });
  });

  it('unassigning a resolved ticket never queues it', () => {
    expect(success(unassign(ticketIn('resolved').assignedTo('agent-1').build(), on)).queuedAt).toBeNull();
  });

  it('a closed ticket can be neither assigned nor unassigned', () => {
    const closed: Ticket = ticketIn('closed').assignedTo('agent-1').build();
    expect(failure(assign(closed, 'agent-2', now))._tag).toBe('TicketClosed');
    expect(failure(unassign(closed, on))._tag).toBe('TicketClosed');
  });
});

describe('createTicket validation (code points)', () => {
  const base = { id: 't1', tenantId: 'x', customerId: 'c', channel: 'api' as const, autoAssign: false, slaSettings: noSla, now };

  it('accepts 200 emoji as a title and keeps it exactly', () => {
    const title = '😀'.repeat(200);
    expect(title.length).toBe(400);
    expect(success(createTicket({ ...base, title })).title).toBe(title);
  });

  it.each([
    ['an empty title', { title: '' }, 'title'],
    ['a blank title', { title: '   ' }, 'title'],
    ['a 201 code point title', { title: '𝄞'.repeat(201) }, 'title'],
    ['a 10001 code point description', { title: 'ok', description: '🎉'.repeat(10_001) }, 'description'],
  ])('refuses %s', (_name, fields, path) => {
    expect(failure(createTicket({ ...base, ...{ title: 'x' }, ...fields }))).toMatchObject({ _tag: 'InvalidInput', path });
  });

  it('accepts a 10000 code point description', () => {
    const description = '🎉'.repeat(10_000);
    expect(success(createTicket({ ...base, title: 'ok', description })).description).toBe(description);
  });
});
