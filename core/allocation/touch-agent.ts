import type { StoreUnavailable } from '../shared/errors.ts';
import type { Effect } from 'effect';
import type { Store } from '../shared/unit-of-work.port.ts';

/** Records that the agent was just given a ticket: ties between equally loaded agents go to who waited longest. */
export const touchAgent = (store: Store, tenantId: string, agentId: string, now: Date): Effect.Effect<void, StoreUnavailable> =>
  store.users.touch(tenantId, agentId, now);
