import type { ConfigurePlatformUseCase } from '../../../core/integrations/configure-platform.use-case.ts';
import type { GetPlatformIntegrationUseCase } from '../../../core/integrations/get-platform-integration.use-case.ts';
import type { SetMarkAsResolvedUseCase } from '../../../core/integrations/set-mark-as-resolved.use-case.ts';
import type { AuthenticatePlatformWebhookUseCase } from '../../../core/integrations/authenticate-platform-webhook.use-case.ts';
import type { RoomNeedsAgentUseCase } from '../../../core/integrations/room-needs-agent.use-case.ts';
import type { RoomResolvedUseCase } from '../../../core/integrations/room-resolved.use-case.ts';

/** The chat platform use cases behind the Qiscus routes (the use cases are wired with `qiscusSettings`). */
export interface QiscusUseCases {
  readonly configureQiscus: ConfigurePlatformUseCase;
  readonly getQiscusIntegration: GetPlatformIntegrationUseCase;
  readonly setMarkAsResolved: SetMarkAsResolvedUseCase;
  readonly authenticateQiscusWebhook: AuthenticatePlatformWebhookUseCase;
  readonly roomNeedsAgent: RoomNeedsAgentUseCase;
  readonly roomResolved: RoomResolvedUseCase;
}
