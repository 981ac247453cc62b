import { randomUUID } from 'node:crypto';
import { domainEvent, type DomainEvent } from '../../core/shared/events.ts';

/** Builds a domain event (a `message.created` unless told otherwise) with a fresh id and tenant. */
export const anEvent = () => {
  let id: string = randomUUID();
  let tenantId = `tenant-${randomUUID()}`;
  let occurredAt = new Date('2026-01-02T03:04:05.678Z');
  let ticketId = `ticket-${randomUUID()}`;
  let kind: 'message.created' | 'ticket.created' = 'message.created';
  const builder = {
    withId(value: string) {
      id = value;
      return builder;
    },
    inTenant(value: string) {
      tenantId = value;
      return builder;
    },
    at(value: Date) {
      occurredAt = value;
      return builder;
    },
    forTicket(value: string) {
      ticketId = value;
      return builder;
    },
    ticketCreated() {
      kind = 'ticket.created';
      return builder;
    },
    build(): DomainEvent {
      const meta = { id, tenantId, occurredAt };
      return kind === 'ticket.created'
        ? domainEvent('ticket.created', meta, { ticketId, channel: 'api', priority: 'medium', autoAssign: true })
        : domainEvent('message.created', meta, { ticketId, messageId: `msg-${randomUUID()}`, senderType: 'customer' });
    },
  };
  return builder;
};

/** `count` events of one tenant, in order. */
export const someEvents = (count: number, tenantId = `tenant-${randomUUID()}`): DomainEvent[] =>
  Array.from({ length: count }, () => anEvent().inTenant(tenantId).build());
