import { Effect } from 'effect';
import type { StoreUnavailable } from '../shared/errors.ts';
import type { Store } from '../shared/unit-of-work.port.ts';

/** Records that the agent was just given a ticket: ties between equally loaded agents go to who waited longest. */
export const touchAgent = (store: Store, tenantId: string, agentId: string, now: Date): Effect.Effect<void, StoreUnavailable> =>
  Effect.gen(function* () {
    const user = yield* store.users.get(tenantId, agentId);
    if (user === null) return;
    yield* store.users.update({ ...user, lastAssignedAt: now }).pipe(Effect.catchTag('DuplicateKey', (e) => Effect.die(e)));
  });
