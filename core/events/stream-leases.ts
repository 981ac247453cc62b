import { Effect } from 'effect';
import type { StoreUnavailable } from '../shared/errors.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import type { StreamLease } from './stream-access.port.ts';

/** The heartbeat's renewal of a stream's lease; false when the lease is gone. */
export const renewStreamLease = (uow: UnitOfWork, lease: StreamLease, expiresAt: Date): Effect.Effect<boolean, StoreUnavailable> =>
  uow.transaction((store) => store.streamLeases.renew(lease.tenantId, lease.id, expiresAt));

/** A closed stream gives its place back at once. */
export const releaseStreamLease = (uow: UnitOfWork, lease: StreamLease): Effect.Effect<void, StoreUnavailable> =>
  uow.transaction((store) => store.streamLeases.release(lease.tenantId, lease.id));
