import { Effect, Result } from 'effect';
import { authorize } from '../access/permissions.ts';
import type { ChatPlatform, ResolveWebhookRegistration } from '../allocation/chat-platform.port.ts';
import type { Actor } from '../shared/actor.ts';
import { InvalidInput, NotFound, type Forbidden, type StoreUnavailable } from '../shared/errors.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { UpstreamFailed } from './integrations.errors.ts';
import { accountOf, checkBaseUrl, markAsResolvedUrl } from './qiscus-integration.ts';

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
}

const noAdmin = () => new InvalidInput({ path: 'admin_email', message: 'configure an admin email and password that Qiscus accepts' });

/** Registers the mark-as-resolved webhook on Qiscus with the integration's admin login (admin). */
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
    const { uow, platform, publicBaseUrl } = this.#deps;
    return Effect.gen(function* () {
      yield* authorize(actor, 'integrations.manage');
      const integration = yield* uow.read((store) => store.integrations.get(actor.tenantId));
      if (integration === null) return yield* Effect.fail(new NotFound({ entity: 'integration' }));
      const url =
        input.url === undefined || input.url === null
          ? markAsResolvedUrl(publicBaseUrl, integration.webhookToken)
          : yield* Effect.fromResult(Result.map(checkBaseUrl('url', input.url), () => input.url as string));
      if (integration.admin === null) return yield* Effect.fail(noAdmin());
      return yield* platform.registerResolveWebhook(accountOf(integration), { url, enabled: input.enabled ?? true }).pipe(
        Effect.catchTags({
          ChatPlatformAdminMissing: () => Effect.fail(noAdmin()),
          ChatPlatformCredentialsRejected: () => Effect.fail(noAdmin()),
          ChatPlatformRequestRejected: (e) => Effect.fail(new UpstreamFailed({ operation: e.operation, reason: `status ${e.status}` })),
          ChatPlatformUnavailable: (e) => Effect.fail(new UpstreamFailed({ operation: e.operation, reason: e.reason })),
        }),
      );
    });
  }
}
