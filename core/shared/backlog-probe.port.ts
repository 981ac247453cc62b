import type { Stored } from './errors.ts';

/** The waiting tickets of one queue lane (of one tenant, or of all of them when `tenantId` is null). */
export interface QueueBacklog {
  readonly lane: 'native' | 'platform';
  readonly tenantId: string | null;
  readonly waiting: number;
  /** When the longest-waiting ticket entered the queue; null when none waits. */
  readonly oldestQueuedAt: Date | null;
}

export interface OutboxBacklog {
  /** Outbox rows not yet published. */
  readonly unpublished: number;
  /** When the oldest unpublished event happened; null when the outbox is drained. */
  readonly oldestOccurredAt: Date | null;
}

/** Cross-tenant figures for operators (metrics); cheap indexed reads, never on a request's path. */
export interface BacklogProbe {
  /** Both lanes always (zero when empty); per tenant only for tenants with waiting tickets. */
  queues(perTenant: boolean): Stored<ReadonlyArray<QueueBacklog>>;
  outbox(): Stored<OutboxBacklog>;
}

/** Both lanes are always reported: an empty lane is a zero, not a missing series. */
export const withEmptyLanes = (found: ReadonlyArray<QueueBacklog>): ReadonlyArray<QueueBacklog> => {
  const empty = (['native', 'platform'] as const).filter((lane) => !found.some((q) => q.lane === lane));
  return [...found, ...empty.map((lane): QueueBacklog => ({ lane, tenantId: null, waiting: 0, oldestQueuedAt: null }))];
};
