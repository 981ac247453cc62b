import { Effect } from 'effect';
import { claimsAccount, type ChatPlatformNotices } from '../allocation/chat-platform.port.ts';
import type { StoreUnavailable } from '../shared/errors.ts';
import type { UnitOfWork } from '../shared/unit-of-work.port.ts';
import { WebhookUnauthenticated } from './integrations.errors.ts';
import type { PlatformIntegration } from './platform-integration.ts';

export interface PlatformWebhookCredentials {
  /** The `token` of the webhook URL. */
  readonly token: string | undefined;
  /** The parsed JSON body; it must claim the token's app (every claim, at least one). */
  readonly payload: unknown;
  /** Checks the token alone, so an unreadable body is refused for what it is only once the token is known good. */
  readonly tokenOnly?: boolean;
}

/** The chat platform's webhooks are unsigned: the URL token finds the tenant's integration, and the payload must claim its app. */
export class AuthenticatePlatformWebhookUseCase {
  readonly #deps: { readonly uow: UnitOfWork; readonly notices: ChatPlatformNotices };

  constructor(deps: { readonly uow: UnitOfWork; readonly notices: ChatPlatformNotices }) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(input: PlatformWebhookCredentials): Effect.Effect<PlatformIntegration, WebhookUnauthenticated | StoreUnavailable> {
    const { uow, notices } = this.#deps;
    const token = input.token;
    if (token === undefined || token.length < 16 || token.length > 512) return Effect.fail(new WebhookUnauthenticated());
    return uow.read((store) => store.integrations.findByWebhookToken(token)).pipe(
      Effect.flatMap((integration) =>
        integration !== null && (input.tokenOnly === true || claimsAccount(notices.claimedAccounts(input.payload), integration.appCode))
          ? Effect.succeed(integration)
          : Effect.fail(new WebhookUnauthenticated()),
      ),
    );
  }
}
