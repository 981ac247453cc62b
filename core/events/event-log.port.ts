import type { Stored } from '../shared/errors.ts';
import type { EventRecord, LoggedEvent } from './envelope.ts';

/**
 * The stored public events. `record` runs in the unit of work of the change: each event takes its
 * ticket's next `sequence` and its tenant's next `position` there, so both are unique and gap-free.
 */
export interface EventLog {
  /** Stores the events, numbering them (see above). */
  record(records: ReadonlyArray<EventRecord>): Stored<void>;
  /** The tenant's events after `position`, in position order, at most `limit`. */
  after(tenantId: string, position: number, limit: number): Stored<ReadonlyArray<LoggedEvent>>;
  /** The tenant's last position (0 before its first event). */
  last(tenantId: string): Stored<number>;
  /** Whether the tenant's event at `position` is still kept. */
  has(tenantId: string, position: number): Stored<boolean>;
  /** The event recorded for a domain event: null when it is not public (or not committed, or pruned). */
  byEventId(tenantId: string, eventId: string): Stored<LoggedEvent | null>;
  /** Drops up to `limit` events that occurred before `before`; returns how many went. */
  prune(before: Date, limit: number): Stored<number>;
}
