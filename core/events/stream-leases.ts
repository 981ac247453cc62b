import { Effect } from 'effect';
import type { StoreUnavailable } from '../shared/errors.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import type { StreamLease } from './stream-access.port.ts';

/** A lease outlives this many missed renewals, so a busy process does not lose its places. */
export const streamLeaseRenewals = 3;

/** A lease lives at least this long without a renewal; a crashed process's streams stop counting after it. */
export const streamLeaseMinimumMs = 30_000;

/** How long a stream's lease lives without a renewal, for the heartbeat period: three heartbeats, at least 30 s. */
export const streamLeaseMs = (heartbeatMs: number): number => Math.max(streamLeaseMinimumMs, streamLeaseRenewals * heartbeatMs);

/** How often a process renews its leases: `streamLeaseRenewals` times per lease life (every heartbeat by default). */
export const streamLeaseRenewalMs = (leaseMs: number): number => Math.floor(leaseMs / streamLeaseRenewals);

/** One renewal of every lease a process holds, together: how many of them were still there. */
export const renewStreamLeases = (uow: UnitOfWork, ids: ReadonlyArray<string>, expiresAt: Date): Effect.Effect<number, StoreUnavailable> =>
  ids.length === 0 ? Effect.succeed(0) : uow.transaction((store) => store.streamLeases.renew(ids, expiresAt));

/** A closed stream gives its place back at once. */
export const releaseStreamLease = (uow: UnitOfWork, lease: StreamLease): Effect.Effect<void, StoreUnavailable> =>
  uow.transaction((store) => store.streamLeases.release(lease.tenantId, lease.id));
