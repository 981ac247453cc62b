import type { ConfigureQiscusUseCase } from '../../../core/integrations/configure-qiscus.use-case.ts';
import type { GetQiscusIntegrationUseCase } from '../../../core/integrations/get-qiscus-integration.use-case.ts';
import type { SetMarkAsResolvedUseCase } from '../../../core/integrations/set-mark-as-resolved.use-case.ts';
import type { AuthenticateQiscusWebhookUseCase } from '../../../core/integrations/authenticate-qiscus-webhook.use-case.ts';
import type { RoomNeedsAgentUseCase } from '../../../core/integrations/room-needs-agent.use-case.ts';
import type { RoomResolvedUseCase } from '../../../core/integrations/room-resolved.use-case.ts';

/** The use cases behind the Qiscus routes. */
export interface QiscusUseCases {
  readonly configureQiscus: ConfigureQiscusUseCase;
  readonly getQiscusIntegration: GetQiscusIntegrationUseCase;
  readonly setMarkAsResolved: SetMarkAsResolvedUseCase;
  readonly authenticateQiscusWebhook: AuthenticateQiscusWebhookUseCase;
  readonly roomNeedsAgent: RoomNeedsAgentUseCase;
  readonly roomResolved: RoomResolvedUseCase;
}
