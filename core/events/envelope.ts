import type { Role } from '../access/user.ts';
import type { DomainEventType } from '../shared/events.ts';
import { isoString } from '../shared/iso-date.ts';

/** The event types of the public envelope (live events and outbound webhooks). */
export const publicEventTypes = [
  'ticket.created',
  'ticket.assigned',
  'ticket.unassigned',
  'ticket.status_changed',
  'message.created',
  'allocation.queued',
  'agent.availability_changed',
  'sla.breached',
] as const satisfies ReadonlyArray<DomainEventType>;

/** The name of an event that clients see (SSE, webhooks). */
export type PublicEventType = (typeof publicEventTypes)[number];

/** Whether a domain event type is also a public one. */
export const isPublicEventType = (type: string): type is PublicEventType => (publicEventTypes as ReadonlyArray<string>).includes(type);

/** The JSON every consumer sees: `sequence` counts one ticket's events (null for events about no ticket). */
export interface EventEnvelope {
  readonly id: string;
  readonly type: PublicEventType;
  readonly occurred_at: string;
  readonly tenant_id: string;
  readonly sequence: number | null;
  readonly data: Readonly<Record<string, unknown>>;
}

/** What a unit of work records for one public event; the store adds the ticket's sequence and the tenant's position. */
export interface EventRecord {
  /** The domain event it was built from. */
  readonly eventId: string;
  readonly tenantId: string;
  readonly type: PublicEventType;
  /** The ticket whose next `sequence` the event takes, if any. */
  readonly ticketId: string | null;
  readonly occurredAt: Date;
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * A recorded event. `position` numbers the tenant's events 1, 2, 3… in commit order, without gaps:
 * replaying "after position p" never misses an event committed later with an earlier timestamp.
 */
export interface LoggedEvent extends EventRecord {
  readonly position: number;
  readonly sequence: number | null;
}

const positionDigits = 12;

/** The envelope id: the tenant's position (so ids sort in commit order) and the tenant (so ids are unique everywhere). */
export const envelopeId = (tenantId: string, position: number): string => `${String(position).padStart(positionDigits, '0')}.${tenantId}`;

/** The position an envelope id names within `tenantId`; null for a malformed id or another tenant's. */
export const positionIn = (tenantId: string, id: string): number | null => {
  const dot = id.indexOf('.');
  if (dot < positionDigits || id.slice(dot + 1) !== tenantId) return null;
  const digits = id.slice(0, dot);
  if (!/^\d+$/.test(digits)) return null;
  const position = Number(digits);
  return Number.isSafeInteger(position) && position > 0 ? position : null;
};

/** The public envelope (as sent to clients) of a stored event. */
export const toEnvelope = (event: LoggedEvent): EventEnvelope => ({
  id: envelopeId(event.tenantId, event.position),
  type: event.type,
  occurred_at: isoString(event.occurredAt),
  tenant_id: event.tenantId,
  sequence: event.sequence,
  data: event.data,
});

/** Agents follow ticket, message, allocation and availability events; admins every event of their tenant. */
export const visibleTo = (role: Role, type: PublicEventType): boolean => role === 'admin' || type !== 'sla.breached';
