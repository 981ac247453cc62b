import type { Effect } from 'effect';
import type { Stored } from './errors.ts';
import type { DomainEvent } from './events.ts';
import type { JobFailure } from './job-failure.ts';

/** Domain events, written in the same unit of work as the change they describe; a relay publishes them. */
export interface EventOutbox {
  /** Appends the events to the outbox, in order. */
  append(events: ReadonlyArray<DomainEvent>): Stored<void>;
}

/** An outbox row as the relay sees it; `sequence` increases in append order. */
export interface OutboxEntry {
  readonly sequence: number;
  readonly event: DomainEvent;
}

/**
 * The relay's side of the outbox. Several relays may run at once: `claim` leases rows to one caller
 * until `leaseSeconds` pass, so a crashed relay's rows are claimed again later (at-least-once).
 */
export interface OutboxFeed {
  /** Up to `limit` unpublished, unleased entries in sequence order, leased to this caller. */
  claim(limit: number, now: Date, leaseSeconds: number): Stored<ReadonlyArray<OutboxEntry>>;
  /** Marks the entries the broker accepted as published, so no relay claims them again. */
  markPublished(sequences: ReadonlyArray<number>, at: Date): Stored<void>;
}

/** Reacts to a published event (a job). Must be idempotent: events can be delivered more than once. */
export interface EventHandler {
  readonly name: string;
  /** Whether this handler wants the event. */
  handles(event: DomainEvent): boolean;
  /** Its jobs of one batch may run at the same time, in any order (it batches them itself, e.g. one drain per tenant). */
  readonly concurrent?: boolean;
  /** Does the job for one event; `jobFailureTable` says whether a failure has it delivered again later. */
  handle(event: DomainEvent): Effect.Effect<void, JobFailure>;
}
