import type { Stored } from '../shared/errors.ts';

/** Questions an operator's process asks across tenants (first start, periodic sweeps); never on a user's behalf. */
export interface TenantDirectory {
  /** Whether any tenant exists yet. */
  hasAny(): Stored<boolean>;
  /** Ids of the tenants with at least one waiting ticket (active, unassigned, queued), in id order. */
  withWaitingTickets(): Stored<ReadonlyArray<string>>;
  /** Ids of the tenants with a ticket whose running SLA target is due at or before `now`, in id order. */
  withSlaDue(now: Date): Stored<ReadonlyArray<string>>;
}
