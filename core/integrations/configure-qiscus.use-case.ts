import { Effect, Result } from 'effect';
import { authorize } from '../access/permissions.ts';
import type { SecretGenerator } from '../channels/secret.port.ts';
import type { Actor } from '../shared/actor.ts';
import type { DestinationPolicy } from '../shared/outbound.port.ts';
import { InvalidInput, type Forbidden, type StoreUnavailable } from '../shared/errors.ts';
import type { Clock } from '../shared/ports.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { checkBaseUrl, configureIntegration, integrationView, maxBaseUrlLength, type QiscusIntegrationView, type QiscusSettingsInput } from './qiscus-integration.ts';

export interface ConfigureQiscusDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  /** Makes the webhook token (at least 128 random bits). */
  readonly tokens: SecretGenerator;
  /** How the outside world reaches this API (PUBLIC_BASE_URL). */
  readonly publicBaseUrl: string;
  /** The outbound URL rule for `base_url` (checked here, before any transaction, and again at every call). */
  readonly destinations: DestinationPolicy;
}

/** A given `base_url` that is well formed must also pass the outbound URL rule; malformed ones fail in the pure rules. */
const checkDestination = (destinations: DestinationPolicy, raw: string | null | undefined): Effect.Effect<void, InvalidInput> => {
  if (typeof raw !== 'string' || raw.length > maxBaseUrlLength) return Effect.void;
  const url = checkBaseUrl('base_url', raw);
  if (Result.isFailure(url)) return Effect.void;
  return destinations
    .check(url.success)
    .pipe(Effect.flatMap((reason) => (reason === null ? Effect.void : Effect.fail(new InvalidInput({ path: 'base_url', message: reason })))));
};

/** Sets (or replaces) the tenant's Qiscus app (admin); the webhook token survives a replacement. */
export class ConfigureQiscusUseCase {
  readonly #deps: ConfigureQiscusDeps;

  constructor(deps: ConfigureQiscusDeps) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(input: QiscusSettingsInput, actor: Actor): Effect.Effect<QiscusIntegrationView, Forbidden | InvalidInput | StoreUnavailable> {
    const { uow, clock, tokens, publicBaseUrl, destinations } = this.#deps;
    const tenantId = actor.tenantId;
    return Effect.gen(function* () {
      yield* authorize(actor, 'integrations.manage');
      yield* checkDestination(destinations, input.baseUrl);
      return yield* uow.exclusive(tenantId, (store) =>
        Effect.gen(function* () {
          const existing = yield* store.integrations.get(tenantId);
          const context = { tenantId, newToken: existing?.webhookToken ?? tokens.next(), now: clock.now() };
          const integration = yield* Effect.fromResult(configureIntegration(existing, input, context));
          // A token clash needs two 256-bit random tokens to collide.
          yield* store.integrations.save(integration).pipe(Effect.catchTag('DuplicateKey', (e) => Effect.die(e)));
          return integrationView(integration, publicBaseUrl);
        }),
      );
    });
  }
}
