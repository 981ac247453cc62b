import { Effect } from 'effect';
import type { StoreUnavailable } from '../shared/errors.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { positionIn } from './envelope.ts';

/** Where a stream starts: after the event it names, or (no id, or `reset`) after the tenant's last event. */
export interface ResumePoint {
  readonly position: number;
  /** The id given is unknown, pruned or another tenant's: the client must refetch its state. */
  readonly reset: boolean;
}

/** The resume point of `lastEventId` (a `Last-Event-ID`) in `tenantId`. */
export const resumePoint = (uow: UnitOfWork, tenantId: string, lastEventId: string | undefined): Effect.Effect<ResumePoint, StoreUnavailable> =>
  uow.read((store) =>
    Effect.gen(function* () {
      const named = lastEventId === undefined ? null : positionIn(tenantId, lastEventId);
      if (named !== null && (yield* store.events.has(tenantId, named))) return { position: named, reset: false };
      return { position: yield* store.events.last(tenantId), reset: lastEventId !== undefined };
    }),
  );
