import { Effect } from 'effect';
import { NotFound, InvalidInput, type Stored } from '../shared/errors.ts';
import type { DestinationPolicy } from '../shared/outbound.port.ts';
import type { Store } from '../shared/unit-of-work.port.ts';
import type { Webhook } from './webhook.ts';

/** The tenant's endpoint, or `NotFound` (another tenant's id looks exactly the same). */
export const webhookOf = (store: Store, tenantId: string, id: string): Stored<Webhook, NotFound> =>
  store.webhooks.get(tenantId, id).pipe(Effect.flatMap((w) => (w === null ? Effect.fail(new NotFound({ entity: 'webhook' })) : Effect.succeed(w))));

/** The outbound URL rule on `url` (checked before any transaction; again at every delivery). */
export const checkUrl = (destinations: DestinationPolicy, url: string): Effect.Effect<void, InvalidInput> =>
  destinations.check(url).pipe(Effect.flatMap((reason) => (reason === null ? Effect.void : Effect.fail(new InvalidInput({ path: 'url', message: reason })))));
