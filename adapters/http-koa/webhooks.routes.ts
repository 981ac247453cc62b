import { Effect } from 'effect';
import { listOf } from './dto.schemas.ts';
import type { HttpUseCases } from './http-deps.ts';
import { validationFailed } from './http-problem.ts';
import { IdParams, PagingQuery } from './request.schemas.ts';
import { created, noContent, ok, staffRoute, type AnyRoute } from './route.ts';
import { CreateWebhookBody, DeliveryDto, DeliveryParams, UpdateWebhookBody, WebhookDto, WebhookWithSecretDto } from './webhooks.schemas.ts';
import { deliveryJson, webhookJson, webhookWithSecretJson } from './webhooks.serializers.ts';

const tag = 'Webhooks';
const action = 'webhooks.manage';

export const webhookRoutes = (useCases: HttpUseCases): ReadonlyArray<AnyRoute> => [
  staffRoute({
    method: 'post',
    path: '/api/webhooks',
    tag,
    summary: 'Subscribe an endpoint to events (admin); the secret is shown only here and at rotation',
    action,
    body: CreateWebhookBody,
    success: { status: 201, description: 'The webhook with its secret', schema: WebhookWithSecretDto },
    errors: ['Forbidden', 'InvalidInput', 'StoreUnavailable'],
    handle: ({ actor, body }) => useCases.createWebhook.execute(body, actor).pipe(Effect.map((w) => created(webhookWithSecretJson(w)))),
  }),
  staffRoute({
    method: 'get',
    path: '/api/webhooks',
    tag,
    summary: 'List webhooks, oldest first, without secrets (admin)',
    action,
    query: PagingQuery,
    success: { status: 200, description: 'A page of webhooks', schema: listOf(WebhookDto) },
    errors: ['Forbidden', 'ValidationFailed', 'StoreUnavailable'],
    handle: ({ actor, pager }) =>
      Effect.gen(function* () {
        const page = yield* pager.request({});
        return pager.reply(yield* useCases.listWebhooks.execute(page, actor), {}, webhookJson);
      }),
  }),
  staffRoute({
    method: 'get',
    path: '/api/webhooks/:id',
    tag,
    summary: 'One webhook, without its secret (admin)',
    action,
    params: IdParams,
    success: { status: 200, description: 'The webhook', schema: WebhookDto },
    errors: ['Forbidden', 'NotFound', 'StoreUnavailable'],
    handle: ({ actor, params }) => useCases.getWebhook.execute(params, actor).pipe(Effect.map((w) => ok(webhookJson(w)))),
  }),
  staffRoute({
    method: 'patch',
    path: '/api/webhooks/:id',
    tag,
    summary: 'Change a webhook (admin); deactivated, its pending deliveries fail and are never sent',
    action,
    params: IdParams,
    body: UpdateWebhookBody,
    success: { status: 200, description: 'The webhook', schema: WebhookDto },
    errors: ['Forbidden', 'ValidationFailed', 'InvalidInput', 'NotFound', 'StoreUnavailable'],
    handle: ({ actor, params, body }) =>
      Effect.gen(function* () {
        if (Object.keys(body).length === 0) return yield* validationFailed([{ path: '', message: 'give at least one field to change' }]);
        return ok(webhookJson(yield* useCases.updateWebhook.execute({ id: params.id, ...body }, actor)));
      }),
  }),
  staffRoute({
    method: 'delete',
    path: '/api/webhooks/:id',
    tag,
    summary: 'Delete a webhook and drop its pending deliveries (admin)',
    action,
    params: IdParams,
    success: { status: 204, description: 'Deleted' },
    errors: ['Forbidden', 'NotFound', 'StoreUnavailable'],
    handle: ({ actor, params }) => useCases.deleteWebhook.execute(params, actor).pipe(Effect.as(noContent)),
  }),
  staffRoute({
    method: 'post',
    path: '/api/webhooks/:id/rotate-secret',
    tag,
    summary: 'Give a webhook a new secret (admin); for 24 hours deliveries are signed with the old and the new one',
    action,
    params: IdParams,
    success: { status: 200, description: 'The webhook with its new secret', schema: WebhookWithSecretDto },
    errors: ['Forbidden', 'NotFound', 'StoreUnavailable'],
    handle: ({ actor, params }) => useCases.rotateWebhookSecret.execute(params, actor).pipe(Effect.map((w) => ok(webhookWithSecretJson(w)))),
  }),
  staffRoute({
    method: 'get',
    path: '/api/webhooks/:id/deliveries',
    tag,
    summary: "A webhook's deliveries, newest first (admin)",
    action,
    params: IdParams,
    query: PagingQuery,
    success: { status: 200, description: 'A page of deliveries', schema: listOf(DeliveryDto) },
    errors: ['Forbidden', 'ValidationFailed', 'NotFound', 'StoreUnavailable'],
    handle: ({ actor, params, pager }) =>
      Effect.gen(function* () {
        const filters = { webhook: params.id };
        const page = yield* pager.request(filters);
        return pager.reply(yield* useCases.listDeliveries.execute({ webhookId: params.id, page }, actor), filters, deliveryJson);
      }),
  }),
  staffRoute({
    method: 'post',
    path: '/api/webhooks/:id/deliveries/:delivery_id/redeliver',
    tag,
    summary: 'Queue one more attempt of a delivery now, still behind an undelivered earlier event of its ticket (admin)',
    action,
    params: DeliveryParams,
    success: { status: 202, description: 'Queued: the delivery', schema: DeliveryDto },
    errors: ['Forbidden', 'NotFound', 'WebhookInactive', 'StoreUnavailable'],
    handle: ({ actor, params }) =>
      useCases.redeliver.execute({ webhookId: params.id, deliveryId: params.delivery_id }, actor).pipe(Effect.map((d) => ({ status: 202, body: deliveryJson(d) }))),
  }),
];
