import { Effect, Result } from 'effect';
import { authorize } from '../access/permissions.ts';
import type { SecretGenerator } from '../channels/secret.port.ts';
import type { Actor } from '../shared/actor.ts';
import type { DestinationPolicy } from '../shared/outbound.port.ts';
import { InvalidInput, type Forbidden, type StoreUnavailable } from '../shared/errors.ts';
import type { Clock } from '../shared/ports.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import {
  checkHttpUrl,
  configureIntegration,
  integrationView,
  type PlatformIntegrationView,
  type PlatformSettings,
  type PlatformSettingsInput,
} from './platform-integration.ts';

export interface ConfigurePlatformDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  /** Makes the webhook token (at least 128 random bits). */
  readonly tokens: SecretGenerator;
  /** How the outside world reaches this API (PUBLIC_BASE_URL). */
  readonly publicBaseUrl: string;
  /** The outbound URL rule for `base_url` (checked here, before any transaction, and again at every call). */
  readonly destinations: DestinationPolicy;
  /** The chat platform's settings rules, defaults and webhook paths (its adapter's). */
  readonly settings: PlatformSettings;
}

/** A given `base_url` that is well formed must also pass the outbound URL rule; malformed ones fail in the pure rules. */
const checkDestination = (deps: ConfigurePlatformDeps, raw: string | null | undefined): Effect.Effect<void, InvalidInput> => {
  const maxLength = deps.settings.rules.baseUrl.max;
  if (typeof raw !== 'string' || raw.length > maxLength) return Effect.void;
  const url = checkHttpUrl('base_url', raw, maxLength);
  if (Result.isFailure(url)) return Effect.void;
  return deps.destinations
    .check(url.success)
    .pipe(Effect.flatMap((reason) => (reason === null ? Effect.void : Effect.fail(new InvalidInput({ path: 'base_url', message: reason })))));
};

/** Sets (or replaces) the tenant's chat platform account (admin); the webhook token survives a replacement. */
export class ConfigurePlatformUseCase {
  readonly #deps: ConfigurePlatformDeps;

  constructor(deps: ConfigurePlatformDeps) {
    this.#deps = deps;
  }

  /** The settings' length bounds, for decoding a request before it gets here. */
  get rules(): PlatformSettings['rules'] {
    return this.#deps.settings.rules;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(input: PlatformSettingsInput, actor: Actor): Effect.Effect<PlatformIntegrationView, Forbidden | InvalidInput | StoreUnavailable> {
    const deps = this.#deps;
    const { uow, clock, tokens, publicBaseUrl, settings } = deps;
    const tenantId = actor.tenantId;
    return Effect.gen(function* () {
      yield* authorize(actor, 'integrations.manage');
      yield* checkDestination(deps, input.baseUrl);
      return yield* uow.exclusive(tenantId, (store) =>
        Effect.gen(function* () {
          const existing = yield* store.integrations.get(tenantId);
          const context = { tenantId, newToken: existing?.webhookToken ?? tokens.next(), now: clock.now(), settings };
          const integration = yield* Effect.fromResult(configureIntegration(existing, input, context));
          // A token clash needs two 256-bit random tokens to collide.
          yield* store.integrations.save(integration).pipe(Effect.catchTag('DuplicateKey', (e) => Effect.die(e)));
          return integrationView(integration, publicBaseUrl, settings);
        }),
      );
    });
  }
}
