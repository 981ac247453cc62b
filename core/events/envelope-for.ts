import { Effect } from 'effect';
import type { DomainEvent } from '../shared/events.ts';
import type { StoreUnavailable } from '../shared/errors.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { toEnvelope, type EventEnvelope } from './envelope.ts';

/**
 * The public envelope of a committed domain event (what webhooks send), or null when the event is not
 * public or no longer kept. Any consumer of the outbox's events can call it: the envelope commits with the event.
 */
export const envelopeFor = (uow: UnitOfWork, event: DomainEvent): Effect.Effect<EventEnvelope | null, StoreUnavailable> =>
  uow.read((store) => store.events.byEventId(event.tenantId, event.id)).pipe(Effect.map((logged) => (logged === null ? null : toEnvelope(logged))));
