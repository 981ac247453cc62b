import type { Stored } from '../shared/errors.ts';

/** A single-use stream ticket (for browsers' EventSource, which cannot send an Authorization header); stored only as its hash. */
export interface StreamTicket {
  readonly tokenHash: string;
  readonly tenantId: string;
  readonly userId: string;
  readonly expiresAt: Date;
}

export interface StreamTicketRepository {
  insert(ticket: StreamTicket): Stored<void>;
  /** Spends the ticket: its holder when it was unspent and unexpired at `now`; null otherwise, and for every later call. */
  consume(tokenHash: string, now: Date): Stored<{ readonly tenantId: string; readonly userId: string } | null>;
  /** Drops tickets that expired before `before`. */
  dropExpired(before: Date): Stored<void>;
}

/** One open live-event stream of a user, on any API process; kept alive by its heartbeat until `expiresAt`. */
export interface StreamLease {
  readonly id: string;
  readonly tenantId: string;
  readonly userId: string;
  readonly expiresAt: Date;
}

export interface StreamLeaseRepository {
  /** The user's leases still alive at `now`. */
  alive(tenantId: string, userId: string, now: Date): Stored<ReadonlyArray<StreamLease>>;
  insert(lease: StreamLease): Stored<void>;
  /** Moves the lease's expiry; false when it is gone (released, or expired and dropped). */
  renew(tenantId: string, id: string, expiresAt: Date): Stored<boolean>;
  release(tenantId: string, id: string): Stored<void>;
  /** Drops the user's leases that expired before `now`. */
  dropExpired(tenantId: string, userId: string, now: Date): Stored<void>;
}
