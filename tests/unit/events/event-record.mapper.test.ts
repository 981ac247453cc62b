import { describe, expect, it } from 'vitest';
import { envelopeId, positionIn, publicEventTypes, toEnvelope, visibleTo } from '../../../core/events/envelope.ts';
import { eventRecord, subjectOf } from '../../../core/events/event-record.mapper.ts';
import { decisionView, messageView, ticketView, userView } from '../../../core/events/public-views.ts';
import { domainEvent, type AllocationDecision, type DomainEvent } from '../../../core/shared/events.ts';
import type { Message } from '../../../core/tickets/message.ts';
import { aCustomer, aMessage, aStaffUser, aTenant, aTicket } from '../../support/ticket-builders.ts';

const tenant = aTenant().build();
const ticket = aTicket(tenant.id, aCustomer(tenant.id).build().id).build();
const agent = aStaffUser(tenant.id).build();
const message: Message = { ...aMessage(ticket).saying('Hi 👋').build(), sequence: 3 };
const at = new Date('2026-11-21T08:00:00.123Z');
const meta = { id: 'event-1', tenantId: tenant.id, occurredAt: at };
const decision: AllocationDecision = { candidates: [{ agentId: agent.id, load: 1, capacity: 3 }], considered: 4, reason: 'least_loaded' };
const head = { eventId: 'event-1', tenantId: tenant.id, occurredAt: at };

describe('eventRecord (domain event → envelope fields)', () => {
  const ticketCases: Array<[DomainEvent, Record<string, unknown>]> = [
    [domainEvent('ticket.created', meta, { ticketId: ticket.id, channel: 'api', priority: 'high', autoAssign: true }), {}],
    [
      domainEvent('ticket.assigned', meta, { ticketId: ticket.id, agentId: agent.id, previousAgentId: 'agent-0', by: 'allocator', decision }),
      { previous_agent_id: 'agent-0', decision: { candidates: [{ agent_id: agent.id, load: 1, capacity: 3 }], considered: 4, reason: 'least_loaded' } },
    ],
    [
      domainEvent('ticket.assigned', meta, { ticketId: ticket.id, agentId: agent.id, previousAgentId: null, by: 'staff', decision: null }),
      { previous_agent_id: null, decision: null },
    ],
    [domainEvent('ticket.unassigned', meta, { ticketId: ticket.id, previousAgentId: agent.id }), { previous_agent_id: agent.id }],
    [domainEvent('ticket.status_changed', meta, { ticketId: ticket.id, from: 'open', to: 'resolved', agentId: null }), { from: 'open', to: 'resolved' }],
    [domainEvent('allocation.queued', meta, { ticketId: ticket.id, decision }), { decision: decisionView(decision) }],
    [domainEvent('sla.breached', meta, { ticketId: ticket.id, target: 'first_response' }), { target: 'first_response' }],
  ];

  it.each(ticketCases)('%# %o carries the ticket as the API returns it, with the change beside it', (event, change) => {
    expect(subjectOf(event)).toEqual({ kind: 'ticket', id: ticket.id });
    expect(eventRecord(event, { ticket })).toEqual({ ...head, ticketId: ticket.id, type: event.type, data: { ticket: ticketView(ticket), ...change } });
  });

  it('message.created carries the message and its ticket id', () => {
    const event = domainEvent('message.created', meta, { ticketId: ticket.id, messageId: message.id, senderType: 'customer' });
    expect(subjectOf(event)).toEqual({ kind: 'message', id: message.id });
    expect(eventRecord(event, { message })).toEqual({
      ...head,
      ticketId: ticket.id,
      type: 'message.created',
      data: { message: messageView(message), ticket_id: ticket.id },
    });
    expect(messageView(message)).toEqual({
      id: message.id,
      ticket_id: ticket.id,
      tenant_id: tenant.id,
      sender_type: 'customer',
      sender_id: null,
      message: 'Hi 👋',
      created_at: '2026-11-21T08:00:00.000Z',
    });
  });

  it.each([
    ['online', 'offline'],
    ['offline', 'online'],
  ] as const)('agent.availability_changed to %s carries the user (no password hash), from and to, and no ticket', (to, from) => {
    const user = { ...agent, availability: to, passwordHash: 'secret-hash' };
    const event = domainEvent('agent.availability_changed', meta, { agentId: agent.id, availability: to });
    expect(subjectOf(event)).toEqual({ kind: 'user', id: agent.id });
    const record = eventRecord(event, { user });
    expect(record).toEqual({ ...head, ticketId: null, type: 'agent.availability_changed', data: { user: userView(user), from, to } });
    expect(JSON.stringify(record)).not.toContain('secret-hash');
    expect(userView(user).can_login).toBe(true);
  });

  it.each([
    domainEvent('agent.capacity_changed', meta, { agentId: agent.id, active: false, maxCustomers: null }),
    domainEvent('settings.changed', meta, { maxCustomersPerAgent: 2, autoAssign: true }),
    domainEvent('room.queued', meta, { ticketId: ticket.id, roomId: 'room-1' }),
  ])('%# internal events are not public', (event) => {
    expect(subjectOf(event)).toBeNull();
    expect(eventRecord(event, { ticket })).toBeNull();
  });

  it('a subject of the wrong kind gives no record', () => {
    const created = domainEvent('ticket.created', meta, { ticketId: ticket.id, channel: 'api', priority: 'high', autoAssign: true });
    expect(eventRecord(created, { message })).toBeNull();
    expect(eventRecord(created, { user: agent })).toBeNull();
  });

  it('every public type has a case', () => {
    expect([...new Set([...ticketCases.map(([e]) => e.type), 'message.created', 'agent.availability_changed'])].sort()).toEqual([...publicEventTypes].sort());
  });
});

describe('the envelope', () => {
  it('has the contract fields, with the id from the tenant position', () => {
    const record = eventRecord(domainEvent('ticket.created', meta, { ticketId: ticket.id, channel: 'api', priority: 'low', autoAssign: false }), { ticket });
    if (record === null) throw new Error('no record');
    const envelope = toEnvelope({ ...record, position: 42, sequence: 1 });
    expect(envelope).toEqual({ id: envelopeId(tenant.id, 42), type: 'ticket.created', occurred_at: '2026-11-21T08:00:00.123Z', tenant_id: tenant.id, sequence: 1, data: record.data });
    expect(Object.keys(envelope)).toEqual(['id', 'type', 'occurred_at', 'tenant_id', 'sequence', 'data']);
  });

  it('ids sort in position order and name their tenant', () => {
    const ids = [1, 2, 9, 10, 99, 100, 123_456].map((p) => envelopeId(tenant.id, p));
    expect([...ids].sort()).toEqual(ids);
    expect(ids.map((id) => positionIn(tenant.id, id))).toEqual([1, 2, 9, 10, 99, 100, 123_456]);
  });

  it.each(['', 'abc', '000000000001', `000000000001.${tenant.id}x`, `00000000000x.${tenant.id}`, `000000000000.${tenant.id}`, `1.${tenant.id}`, `000000000001.other-tenant`])(
    '%j is not an id of the tenant',
    (id) => {
      expect(positionIn(tenant.id, id)).toBeNull();
    },
  );

  it('agents see every type but SLA breaches; admins see everything', () => {
    expect(publicEventTypes.filter((t) => visibleTo('agent', t))).toEqual(publicEventTypes.filter((t) => t !== 'sla.breached'));
    expect(publicEventTypes.filter((t) => visibleTo('admin', t))).toEqual([...publicEventTypes]);
  });
});
