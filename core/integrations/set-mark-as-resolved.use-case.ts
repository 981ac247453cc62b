import { Effect, Result } from 'effect';
import { authorize } from '../access/permissions.ts';
import type { ChatPlatform, ResolveWebhookRegistration } from '../allocation/chat-platform.port.ts';
import type { Actor } from '../shared/actor.ts';
import { InvalidInput, NotFound, type Forbidden, type StoreUnavailable } from '../shared/errors.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { UpstreamFailed } from './integrations.errors.ts';
import { accountOf, checkHttpUrl, webhookUrl, type PlatformSettings } from './platform-integration.ts';

export interface SetMarkAsResolvedInput {
  /** Default: this tenant's own mark-as-resolved webhook URL. */
  readonly url?: string | null;
  /** Default: true. */
  readonly enabled?: boolean | null;
}

export interface SetMarkAsResolvedDeps {
  readonly uow: UnitOfWork;
  readonly platform: ChatPlatform;
  readonly publicBaseUrl: string;
  readonly settings: PlatformSettings;
}

const noAdmin = (platform: ChatPlatform) =>
  new InvalidInput({ path: 'admin_email', message: `configure an admin email and password that ${platform.name} accepts` });

/** Registers the platform's room-resolved webhook with the integration's admin login (admin). */
export class SetMarkAsResolvedUseCase {
  readonly #deps: SetMarkAsResolvedDeps;

  constructor(deps: SetMarkAsResolvedDeps) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(
    input: SetMarkAsResolvedInput,
    actor: Actor,
  ): Effect.Effect<ResolveWebhookRegistration, Forbidden | NotFound | InvalidInput | UpstreamFailed | StoreUnavailable> {
    const { uow, platform, publicBaseUrl, settings } = this.#deps;
    return Effect.gen(function* () {
      yield* authorize(actor, 'integrations.manage');
      const integration = yield* uow.read((store) => store.integrations.get(actor.tenantId));
      if (integration === null) return yield* Effect.fail(new NotFound({ entity: 'integration' }));
      const url =
        input.url === undefined || input.url === null
          ? webhookUrl(publicBaseUrl, settings.webhookPaths.roomResolved, integration.webhookToken)
          : yield* Effect.fromResult(Result.map(checkHttpUrl('url', input.url, settings.rules.baseUrl.max), () => input.url as string));
      if (integration.admin === null) return yield* Effect.fail(noAdmin(platform));
      return yield* platform.registerResolveWebhook(accountOf(integration), { url, enabled: input.enabled ?? true }).pipe(
        Effect.catchTags({
          ChatPlatformAdminMissing: () => Effect.fail(noAdmin(platform)),
          ChatPlatformCredentialsRejected: () => Effect.fail(noAdmin(platform)),
          ChatPlatformRequestRejected: (e) => Effect.fail(new UpstreamFailed({ operation: e.operation, reason: `status ${e.status}` })),
          ChatPlatformUnavailable: (e) => Effect.fail(new UpstreamFailed({ operation: e.operation, reason: e.reason })),
        }),
      );
    });
  }
}
