import { describe, expect, it } from 'vitest';
import { applyTicket, assignedTo, matches, mergeMessage, SequenceGate } from '../../../apps/console/src/lib/events.ts';
import { appendPage, emptyPaged, type Paged } from '../../../apps/console/src/lib/paging.ts';
import type { EventEnvelope, Message, Ticket } from '../../../apps/console/src/lib/types.ts';
import { consoleTicket } from './console-ticket.ts';

const ticket = consoleTicket;

const message = (id: string, at: string): Message => ({
  id,
  ticket_id: 'x',
  tenant_id: 't1',
  sender_type: 'customer',
  sender_id: null,
  message: id,
  created_at: `2026-12-03T08:00:${at}.000Z`,
});

const envelope = (type: EventEnvelope['type'], sequence: number | null, data: EventEnvelope['data']): EventEnvelope => ({
  id: `e${sequence}`,
  type,
  occurred_at: '2026-12-03T08:00:00.000Z',
  tenant_id: 't1',
  sequence,
  data,
});

const ids = (state: Paged<Ticket>) => state.items.map((t) => t.id);
const mine = { assigned: 'ana' };
const listed = (done: boolean, ...tickets: Ticket[]): Paged<Ticket> => ({ items: tickets, cursor: done ? null : 'c', done });

describe('live events merged into an inbox list', () => {
  it('adds a newly assigned ticket at its place, newest first', () => {
    const state = listed(true, ticket('c', '30'), ticket('a', '10'));
    expect(ids(applyTicket(state, ticket('b', '20'), mine))).toEqual(['c', 'b', 'a']);
    expect(ids(applyTicket(state, ticket('d', '40'), mine))).toEqual(['d', 'c', 'a']);
  });

  it('orders tickets of the same millisecond by id, descending, like the API', () => {
    const state = listed(true, ticket('b', '10'), ticket('a', '10'));
    expect(ids(applyTicket(state, ticket('c', '10'), mine))).toEqual(['c', 'b', 'a']);
    expect(ids(applyTicket(state, ticket('ab', '10'), mine))).toEqual(['b', 'ab', 'a']);
  });

  it('updates a listed ticket in place and removes one that no longer fits the filter', () => {
    const state = listed(true, ticket('b', '20'), ticket('a', '10'));
    const resolved = applyTicket(state, ticket('a', '10', { status: 'resolved' }), mine);
    expect(resolved.items[1]?.status).toBe('resolved');
    expect(ids(applyTicket(state, ticket('b', '20', { assigned_agent_id: 'budi' }), mine))).toEqual(['a']);
    expect(ids(applyTicket(state, ticket('a', '10', { status: 'resolved' }), { ...mine, status: 'open' }))).toEqual(['b']);
  });

  it('ignores a ticket that does not fit and is not listed', () => {
    const state = listed(true, ticket('a', '10'));
    expect(applyTicket(state, ticket('z', '50', { assigned_agent_id: null }), mine)).toBe(state);
    expect(ids(applyTicket(state, ticket('z', '50', { assigned_agent_id: null }), { assigned: 'none' }))).toEqual(['z', 'a']);
  });

  it('leaves a ticket older than the pages read so far to paging, then lists it once', () => {
    const state = listed(false, ticket('c', '30'));
    const older = ticket('a', '10');
    const after = applyTicket(state, older, mine);
    expect(ids(after)).toEqual(['c']);
    expect(ids(appendPage(after, { data: [older], next_cursor: null }))).toEqual(['c', 'a']);
  });

  it('matches on status, priority and assignee together', () => {
    const t = ticket('a', '10', { priority: 'high' });
    expect(matches(t, { status: 'open', priority: 'high', assigned: 'ana' })).toBe(true);
    expect(matches(t, { priority: 'low' })).toBe(false);
    expect(matches(ticket('a', '10', { assigned_agent_id: null }), { assigned: 'none' })).toBe(true);
  });
});

describe('messages merged into a conversation', () => {
  it('appends a new message once, and places a late one by time', () => {
    const list = [message('m1', '01'), message('m3', '03')];
    expect(mergeMessage(list, message('m3', '03'))).toBe(list);
    expect(mergeMessage(list, message('m4', '04')).map((m) => m.id)).toEqual(['m1', 'm3', 'm4']);
    expect(mergeMessage(list, message('m2', '02')).map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
    expect(mergeMessage(list, message('m3b', '03')).map((m) => m.id)).toEqual(['m1', 'm3', 'm3b']);
  });
});

describe('the sequence gate', () => {
  it('drops replayed events of a ticket and lets later ones and ticketless ones through', () => {
    const gate = new SequenceGate();
    const t = ticket('a', '10');
    expect(gate.accept(envelope('ticket.created', 1, { ticket: t }))).toBe(true);
    expect(gate.accept(envelope('message.created', 2, { ticket_id: 'a', message: message('m', '01') }))).toBe(true);
    expect(gate.accept(envelope('ticket.created', 1, { ticket: t }))).toBe(false);
    expect(gate.accept(envelope('message.created', 2, { ticket_id: 'a' }))).toBe(false);
    expect(gate.accept(envelope('ticket.assigned', 4, { ticket: t }))).toBe(true);
    expect(gate.accept(envelope('ticket.created', 1, { ticket: ticket('b', '11') }))).toBe(true);
    expect(gate.accept(envelope('agent.availability_changed', null, {}))).toBe(true);
    gate.clear();
    expect(gate.accept(envelope('ticket.assigned', 4, { ticket: t }))).toBe(true);
  });

  it('tells an assignment to me from one to someone else or a re-send to me', () => {
    const toAna = envelope('ticket.assigned', 2, { ticket: ticket('a', '10'), previous_agent_id: null });
    expect(assignedTo(toAna, 'ana')).toBe(true);
    expect(assignedTo(toAna, 'budi')).toBe(false);
    expect(assignedTo(envelope('ticket.assigned', 3, { ticket: ticket('a', '10'), previous_agent_id: 'ana' }), 'ana')).toBe(false);
    expect(assignedTo(envelope('ticket.status_changed', 4, { ticket: ticket('a', '10') }), 'ana')).toBe(false);
  });
});

describe('empty lists', () => {
  it('start not done, with no cursor', () => {
    expect(emptyPaged()).toEqual({ items: [], cursor: null, done: false });
  });
});
