import { describe, expect, it } from 'vitest';
import { liveDispatcher, type LiveSignal } from '../../../apps/console/src/lib/live-dispatch.ts';
import type { EventEnvelope, EventType, User } from '../../../apps/console/src/lib/types.ts';
import { consoleTicket } from './console-ticket.ts';

const ana: User = {
  id: 'ana',
  tenant_id: 't1',
  email: 'ana@demo.local',
  name: 'Ana',
  role: 'agent',
  active: true,
  availability: 'offline',
  max_customers: null,
  can_login: true,
  created_at: '2026-12-03T08:00:00.000Z',
  updated_at: '2026-12-03T08:00:00.000Z',
};

const event = (id: string, type: EventType, sequence: number | null, data: EventEnvelope['data']): EventEnvelope => ({
  id,
  type,
  occurred_at: '2026-12-03T08:00:00.000Z',
  tenant_id: 't1',
  sequence,
  data,
});

const harness = () => {
  let me = ana;
  const signals: LiveSignal[] = [];
  const assigned: string[] = [];
  const dispatch = liveDispatcher({ me: () => me, setMe: (user) => (me = user), assigned: (e) => assigned.push(e.id), fanOut: (s) => signals.push(s) });
  return { dispatch, signals, assigned, me: () => me };
};

describe('what the console does with each live event', () => {
  it('passes events on once: a replayed sequence of the same ticket is dropped', () => {
    const h = harness();
    const ticket = consoleTicket('t-1', '00');
    h.dispatch.onEvent(event('e1', 'ticket.created', 1, { ticket }));
    h.dispatch.onEvent(event('e2', 'ticket.status_changed', 2, { ticket, from: 'open', to: 'in_progress' }));
    h.dispatch.onEvent(event('e1', 'ticket.created', 1, { ticket }));
    expect(h.signals.map((s) => (s.kind === 'event' ? s.event.id : s.kind))).toEqual(['e1', 'e2']);
  });

  it('tells me only about conversations handed to me, not reassignments among others or to myself again', () => {
    const h = harness();
    h.dispatch.onEvent(event('e1', 'ticket.assigned', 1, { ticket: consoleTicket('t-1', '00', { assigned_agent_id: 'ana' }), previous_agent_id: null }));
    h.dispatch.onEvent(event('e2', 'ticket.assigned', 1, { ticket: consoleTicket('t-2', '00', { assigned_agent_id: 'budi' }), previous_agent_id: null }));
    h.dispatch.onEvent(event('e3', 'ticket.assigned', 2, { ticket: consoleTicket('t-1', '00', { assigned_agent_id: 'ana' }), previous_agent_id: 'ana' }));
    expect(h.assigned).toEqual(['e1']);
    expect(h.signals).toHaveLength(3);
  });

  it('takes my own availability change from the stream (another tab switched it), not anyone else’s', () => {
    const h = harness();
    h.dispatch.onEvent(event('e1', 'agent.availability_changed', null, { user: { ...ana, id: 'budi', availability: 'online' }, from: 'offline', to: 'online' }));
    expect(h.me().availability).toBe('offline');
    h.dispatch.onEvent(event('e2', 'agent.availability_changed', null, { user: { ...ana, availability: 'online' }, from: 'offline', to: 'online' }));
    expect(h.me().availability).toBe('online');
  });

  it('after a reset, tells every screen to read again and accepts any sequence anew', () => {
    const h = harness();
    const ticket = consoleTicket('t-1', '00');
    h.dispatch.onEvent(event('e5', 'message.created', 5, { ticket_id: 't-1' }));
    h.dispatch.onReset();
    h.dispatch.onEvent(event('e2', 'ticket.status_changed', 2, { ticket }));
    expect(h.signals.map((s) => (s.kind === 'event' ? s.event.id : s.kind))).toEqual(['e5', 'reset', 'e2']);
  });
});
