import { domainEvent, type DomainEvent } from '../shared/events.ts';
import type { IdGenerator } from '../shared/ports.ts';
import { newBreaches } from '../sla/ticket-sla.ts';
import type { Ticket } from './ticket.ts';
import { eventMeta } from './tickets.shared.ts';

/** One `sla.breached` for each target that `after` breaches and `before` did not. */
export const slaBreachEvents = (ids: IdGenerator, before: Ticket, after: Ticket, now: Date): ReadonlyArray<DomainEvent> =>
  newBreaches(before.sla, after.sla).map((target) =>
    domainEvent('sla.breached', eventMeta(ids, after.tenantId, now), { ticketId: after.id, target }),
  );
