import type { CreateWebhookUseCase } from '../../core/webhooks/create-webhook.use-case.ts';
import type { DeleteWebhookUseCase } from '../../core/webhooks/delete-webhook.use-case.ts';
import type { GetWebhookUseCase } from '../../core/webhooks/get-webhook.use-case.ts';
import type { ListDeliveriesUseCase } from '../../core/webhooks/list-deliveries.use-case.ts';
import type { ListWebhooksUseCase } from '../../core/webhooks/list-webhooks.use-case.ts';
import type { RedeliverUseCase } from '../../core/webhooks/redeliver.use-case.ts';
import type { RotateWebhookSecretUseCase } from '../../core/webhooks/rotate-webhook-secret.use-case.ts';
import type { UpdateWebhookUseCase } from '../../core/webhooks/update-webhook.use-case.ts';

/** The outbound webhook use cases the HTTP API calls. */
export interface WebhookUseCases {
  readonly createWebhook: CreateWebhookUseCase;
  readonly listWebhooks: ListWebhooksUseCase;
  readonly getWebhook: GetWebhookUseCase;
  readonly updateWebhook: UpdateWebhookUseCase;
  readonly deleteWebhook: DeleteWebhookUseCase;
  readonly rotateWebhookSecret: RotateWebhookSecretUseCase;
  readonly listDeliveries: ListDeliveriesUseCase;
  readonly redeliver: RedeliverUseCase;
}
