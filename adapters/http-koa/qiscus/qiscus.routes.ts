import { Effect, Schema } from 'effect';
import type { PlatformIntegrationView } from '../../../core/integrations/platform-integration.ts';
import { lift } from '../http-problem.ts';
import { requireObject, type BodyRead } from '../json-body.ts';
import { ok, publicRoute, staffRoute, type AnyRoute, type Reply } from '../route.ts';
import { decodeWith, Text } from '../validation.ts';
import type { QiscusUseCases } from './qiscus-use-cases.ts';
import { QiscusIntegrationDto, ResolveWebhookDto, WebhookAckDto, qiscusSettingsBody, setMarkAsResolvedBody } from './qiscus.schemas.ts';

const integrationJson = (v: PlatformIntegrationView) => ({
  app_code: v.appCode,
  base_url: v.baseUrl,
  webhook_token: v.webhookToken,
  agent_allocation_url: v.roomNeedsAgentUrl,
  mark_as_resolved_url: v.roomResolvedUrl,
});

const payloadOf = (read: BodyRead): unknown => (read.kind === 'json' ? read.value : undefined);

const tokenOf = (query: Readonly<Record<string, unknown>>): string | undefined => (typeof query['token'] === 'string' ? query['token'] : undefined);

/**
 * The webhook's integration. Order: unknown token 401; then a body refused as read (413, 415, 400, 422);
 * then a payload not claiming the token's app (no body, or not an object, included) 401.
 */
const authenticated = (useCases: QiscusUseCases, read: BodyRead, query: Readonly<Record<string, unknown>>) =>
  Effect.gen(function* () {
    const token = tokenOf(query);
    if (read.kind !== 'refused') return yield* useCases.authenticateQiscusWebhook.execute({ token, payload: payloadOf(read) });
    yield* useCases.authenticateQiscusWebhook.execute({ token, payload: undefined, tokenOnly: true });
    return yield* read.failure;
  });

const accepted: Reply = { status: 200, body: { status: 'accepted' } };

const QiscusClaims = {
  app_id: Schema.optionalKey(Schema.String),
  app_code: Schema.optionalKey(Schema.String),
};
const RoomId = Schema.Union([Schema.String, Schema.Int]);

/** Documentation only: the parts of Qiscus's payloads we read (the adapter parses them leniently). */
const webhookDocs = (payload: Schema.Top) => ({
  body: { schema: payload, required: true, description: 'As Qiscus sends it; app_id or app_code must equal the integration app code' },
  parameters: [{ name: 'token', in: 'query' as const, required: true, description: "The integration's webhook_token", schema: Text(16, 512) }],
});
const AllocationPayload = Schema.Struct({ ...QiscusClaims, room_id: RoomId });
const ResolvePayload = Schema.Struct({ ...QiscusClaims, service: Schema.Struct({ room_id: RoomId }) });

/**
 * The Qiscus routes (API.md "Qiscus Multichannel integration"). Mount with the other routes:
 * `...qiscusRoutes(useCases)` in `createApp`.
 */
export const qiscusRoutes = (useCases: QiscusUseCases): ReadonlyArray<AnyRoute> => [
  staffRoute({
    method: 'put',
    path: '/api/integrations/qiscus',
    tag: 'Integrations',
    summary: "Set or replace the tenant's Qiscus app (admin); the webhook token is kept, secrets are never returned",
    action: 'integrations.manage',
    body: qiscusSettingsBody(useCases.configureQiscus.rules),
    success: { status: 200, description: 'The integration with its webhook URLs', schema: QiscusIntegrationDto },
    errors: ['Forbidden', 'InvalidInput', 'StoreUnavailable'],
    handle: ({ actor, body }) =>
      useCases.configureQiscus
        .execute(
          { appCode: body.app_code, secretKey: body.secret_key, baseUrl: body.base_url, adminEmail: body.admin_email, adminPassword: body.admin_password },
          actor,
        )
        .pipe(Effect.map((view) => ok(integrationJson(view)))),
  }),
  staffRoute({
    method: 'get',
    path: '/api/integrations/qiscus',
    tag: 'Integrations',
    summary: "The tenant's Qiscus app without secrets (admin); 404 before one is configured",
    action: 'integrations.manage',
    success: { status: 200, description: 'The integration with its webhook URLs', schema: QiscusIntegrationDto },
    errors: ['Forbidden', 'NotFound', 'StoreUnavailable'],
    handle: ({ actor }) => useCases.getQiscusIntegration.execute(undefined, actor).pipe(Effect.map((view) => ok(integrationJson(view)))),
  }),
  staffRoute({
    method: 'post',
    path: '/api/v1/settings/set_mark_as_resolved',
    tag: 'Integrations',
    summary: "Register the mark-as-resolved webhook on Qiscus with the integration's admin login (admin)",
    action: 'integrations.manage',
    rawBody: true,
    docs: { body: { schema: setMarkAsResolvedBody(useCases.configureQiscus.rules), required: false } },
    success: { status: 200, description: 'What Qiscus registered', schema: ResolveWebhookDto },
    errors: [
      'Forbidden', 'ValidationFailed', 'InvalidInput', 'NotFound', 'MalformedJson', 'PayloadTooLarge',
      'UnsupportedMediaType', 'UpstreamFailed', 'StoreUnavailable',
    ],
    handle: ({ actor, bodyRead }) =>
      Effect.gen(function* () {
        if (bodyRead.kind === 'refused') return yield* bodyRead.failure;
        const raw = bodyRead.kind === 'absent' ? {} : yield* lift(requireObject(bodyRead)).pipe(Effect.map((b) => b.value));
        const body = yield* lift(decodeWith(setMarkAsResolvedBody(useCases.configureQiscus.rules), raw));
        const registered = yield* useCases.setMarkAsResolved.execute({ url: body.url, enabled: body.enabled }, actor);
        return ok({ url: registered.url, enabled: registered.enabled });
      }),
  }),
  publicRoute({
    method: 'post',
    path: '/api/v1/webhook/agent_allocation',
    tag: 'Integrations',
    summary: "Qiscus's custom agent allocation webhook (?token=<webhook_token>); answers at once, allocation runs as a job",
    rawBody: true,
    docs: webhookDocs(AllocationPayload),
    success: { status: 200, description: 'Accepted', schema: WebhookAckDto },
    errors: [
      'WebhookUnauthenticated', 'ValidationFailed', 'InvalidPlatformNotice', 'MalformedJson', 'PayloadTooLarge',
      'UnsupportedMediaType', 'StoreUnavailable',
    ],
    handle: ({ bodyRead, ctx }) =>
      Effect.gen(function* () {
        const integration = yield* authenticated(useCases, bodyRead, ctx.query);
        yield* useCases.roomNeedsAgent.execute({ tenantId: integration.tenantId, payload: payloadOf(bodyRead) });
        return accepted;
      }),
  }),
  publicRoute({
    method: 'post',
    path: '/api/v1/webhook/mark_as_resolved',
    tag: 'Integrations',
    summary: "Qiscus's mark-as-resolved webhook (?token=<webhook_token>): the room's ticket is resolved and the queue drains",
    rawBody: true,
    docs: webhookDocs(ResolvePayload),
    success: { status: 200, description: 'Accepted', schema: WebhookAckDto },
    errors: [
      'WebhookUnauthenticated', 'ValidationFailed', 'InvalidPlatformNotice', 'MalformedJson', 'PayloadTooLarge',
      'UnsupportedMediaType', 'StoreUnavailable',
    ],
    handle: ({ bodyRead, ctx }) =>
      Effect.gen(function* () {
        const integration = yield* authenticated(useCases, bodyRead, ctx.query);
        yield* useCases.roomResolved.execute({ tenantId: integration.tenantId, payload: payloadOf(bodyRead) });
        return accepted;
      }),
  }),
];
