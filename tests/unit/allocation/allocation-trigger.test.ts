import { describe, expect, it } from 'vitest';
import { allocationTrigger } from '../../../core/allocation/allocation-trigger.ts';
import { domainEvent, type DomainEvent } from '../../../core/shared/events.ts';

const meta = { id: 'e1', tenantId: 't1', occurredAt: new Date(0) };
const drain = { tenantId: 't1', ticketId: null };
const forTicket = { tenantId: 't1', ticketId: 'k1' };

const cases: ReadonlyArray<readonly [string, DomainEvent, unknown]> = [
  ['auto-assigned ticket created', domainEvent('ticket.created', meta, { ticketId: 'k1', channel: 'api', priority: 'low', autoAssign: true }), forTicket],
  ['manual ticket created', domainEvent('ticket.created', meta, { ticketId: 'k1', channel: 'api', priority: 'low', autoAssign: false }), null],
  ['resolved', domainEvent('ticket.status_changed', meta, { ticketId: 'k1', from: 'open', to: 'resolved', agentId: 'a' }), drain],
  ['closed', domainEvent('ticket.status_changed', meta, { ticketId: 'k1', from: 'in_progress', to: 'closed', agentId: null }), drain],
  ['reopened', domainEvent('ticket.status_changed', meta, { ticketId: 'k1', from: 'resolved', to: 'in_progress', agentId: null }), forTicket],
  ['started', domainEvent('ticket.status_changed', meta, { ticketId: 'k1', from: 'open', to: 'in_progress', agentId: 'a' }), null],
  ['unassigned', domainEvent('ticket.unassigned', meta, { ticketId: 'k1', previousAgentId: 'a' }), forTicket],
  ['agent online', domainEvent('agent.availability_changed', meta, { agentId: 'a', availability: 'online' }), drain],
  ['agent offline', domainEvent('agent.availability_changed', meta, { agentId: 'a', availability: 'offline' }), null],
  ['capacity changed', domainEvent('agent.capacity_changed', meta, { agentId: 'a', active: true, maxCustomers: 4 }), drain],
  ['settings changed', domainEvent('settings.changed', meta, { maxCustomersPerAgent: 3, autoAssign: true }), drain],
  ['assigned', domainEvent('ticket.assigned', meta, { ticketId: 'k1', agentId: 'a', previousAgentId: null, by: 'staff', decision: null }), null],
  ['reassigned', domainEvent('ticket.assigned', meta, { ticketId: 'k1', agentId: 'b', previousAgentId: 'a', by: 'staff', decision: null }), drain],
  ['message', domainEvent('message.created', meta, { ticketId: 'k1', messageId: 'm', senderType: 'customer' }), null],
  ['queued', domainEvent('allocation.queued', meta, { ticketId: 'k1', decision: { candidates: [], considered: 0, reason: 'no_agent_online' } }), null],
];

describe('allocationTrigger', () => {
  it.each(cases)('%s', (_name, event, expected) => {
    expect(allocationTrigger(event)).toEqual(expected);
  });
});
