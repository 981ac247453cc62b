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

/** One open live-event stream of a user, on any API process; renewed by that process until `expiresAt`. */
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
  /**
   * Moves the expiry of the leases named, of any tenant (one process renews all its streams' leases at
   * once); returns how many were still there (not released, nor expired and dropped).
   */
  renew(ids: ReadonlyArray<string>, expiresAt: Date): Stored<number>;
  release(tenantId: string, id: string): Stored<void>;
  /** Drops the user's leases that expired before `now`. */
  dropExpired(tenantId: string, userId: string, now: Date): Stored<void>;
}
