import type { Stored } from './errors.ts';
import type { DomainEvent } from './events.ts';

/** Domain events, written in the same unit of work as the change they describe; a relay publishes them. */
export interface EventOutbox {
  append(events: ReadonlyArray<DomainEvent>): Stored<void>;
}
