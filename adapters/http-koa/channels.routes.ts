import { Effect, Schema } from 'effect';
import { ChannelDto, CreatedChannelDto, IntakeDto, listOf } from './dto.schemas.ts';
import type { HttpUseCases } from './http-deps.ts';
import { BodyUnverifiable, lift, rateLimited } from './http-problem.ts';
import type { ChannelThrottle } from './rate-limits.ts';
import { ChannelWebhookBody, CreateChannelBody, PagingQuery } from './request.schemas.ts';
import { created, publicRoute, staffRoute, type AnyRoute } from './route.ts';
import { channelJson, createdChannelJson } from './serializers.ts';
import { decodeWith } from './validation.ts';
import { requireObject } from './json-body.ts';

const header = (pattern: RegExp) => Schema.String.pipe(Schema.check(Schema.isPattern(pattern)));
/** Standard Webhooks headers; each a single anchored run, linear on any input. */
export const webhookHeaderPatterns = {
  id: /^[\x20-\x7e]{1,255}$/u,
  timestamp: /^[0-9]{1,12}$/u,
  signature: /^v1,[A-Za-z0-9+/]{43}=( v1,[A-Za-z0-9+/]{43}=)*$/u,
};
const WebhookId = header(webhookHeaderPatterns.id);
const WebhookTimestamp = header(webhookHeaderPatterns.timestamp);
const WebhookSignature = header(webhookHeaderPatterns.signature);

const accepted = (received: { readonly ticketId: string; readonly messageId: string; readonly customerId: string }) => ({
  status: 202,
  body: { ticket_id: received.ticketId, message_id: received.messageId, customer_id: received.customerId },
});

export const channelRoutes = (useCases: HttpUseCases, throttle: ChannelThrottle): ReadonlyArray<AnyRoute> => [
  staffRoute({
    method: 'post',
    path: '/api/channels',
    tag: 'Channels',
    summary: 'Create a signed inbound channel (admin); the secret is shown only here',
    action: 'channels.manage',
    body: CreateChannelBody,
    success: { status: 201, description: 'The channel with its secret', schema: CreatedChannelDto },
    errors: ['Forbidden', 'InvalidInput', 'StoreUnavailable'],
    handle: ({ actor, body }) => useCases.createChannel.execute(body, actor).pipe(Effect.map((c) => created(createdChannelJson(c)))),
  }),
  staffRoute({
    method: 'get',
    path: '/api/channels',
    tag: 'Channels',
    summary: 'List channels, without secrets (admin)',
    action: 'channels.manage',
    query: PagingQuery,
    success: { status: 200, description: 'A page of channels', schema: listOf(ChannelDto) },
    errors: ['Forbidden', 'ValidationFailed', 'StoreUnavailable'],
    handle: ({ actor, pager }) =>
      Effect.gen(function* () {
        const page = yield* pager.request({});
        return pager.reply(yield* useCases.listChannels.execute(page, actor), {}, channelJson);
      }),
  }),
  publicRoute({
    method: 'post',
    path: '/api/channel/webhook',
    tag: 'Channels',
    summary: 'A customer message from a channel, signed as Standard Webhooks sign; a redelivery (same webhook-id within 24 h) answers the first result',
    rawBody: true,
    docs: {
      body: { schema: ChannelWebhookBody, required: true, description: 'Signed as received; over the size limit it cannot be verified (401)' },
      parameters: [
        { name: 'X-Channel-Key', in: 'header', required: true, description: "The channel's key", schema: Schema.String },
        { name: 'webhook-id', in: 'header', required: true, description: "The sender's id of this delivery (1..255 printable ASCII)", schema: WebhookId },
        { name: 'webhook-timestamp', in: 'header', required: true, description: 'Unix seconds; more than 5 minutes from our clock is refused (401)', schema: WebhookTimestamp },
        {
          name: 'webhook-signature',
          in: 'header',
          required: true,
          description: 'v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<raw body>" keyed with the base64-decoded secret after whsec_>; several space-separated, one valid is enough',
          schema: WebhookSignature,
        },
      ],
    },
    success: { status: 202, description: 'Accepted: the ticket, message and customer', schema: IntakeDto },
    errors: [
      'ChannelUnauthenticated', 'BodyUnverifiable', 'ValidationFailed', 'InvalidInput', 'MalformedJson',
      'UnsupportedMediaType', 'RateLimited', 'StoreUnavailable',
    ],
    handle: ({ bodyRead, ctx }) =>
      Effect.gen(function* () {
        // The signature is checked over the bytes as received, before anything about the body is judged.
        // An over-limit body is never buffered, so its signature cannot be checked: refused like a bad signature, with no effect.
        if (bodyRead.kind === 'refused' && bodyRead.raw === undefined) return yield* new BodyUnverifiable();
        const rawBody = bodyRead.kind === 'absent' ? Buffer.alloc(0) : bodyRead.raw;
        const header = (name: string): string | undefined => ctx.get(name) || undefined;
        const { channel, deliveryId, earlier } = yield* useCases.authenticateChannel.execute({
          key: header('x-channel-key'),
          id: header('webhook-id'),
          timestamp: header('webhook-timestamp'),
          signature: header('webhook-signature'),
          rawBody,
        });
        if (earlier !== null) return accepted(earlier);
        const wait = yield* throttle.take(channel.id);
        if (wait !== null) return yield* rateLimited(wait);
        if (bodyRead.kind === 'refused') return yield* bodyRead.failure;
        const body = yield* lift(decodeWith(ChannelWebhookBody, (yield* lift(requireObject(bodyRead))).value));
        const received = yield* useCases.receiveChannelMessage.execute({
          channel,
          deliveryId,
          customerExternalId: body.customer_external_id,
          customerName: body.customer_name,
          message: body.message,
          title: body.title,
        });
        // A concurrent duplicate lost the race to the first delivery: it is not counted either.
        if (received.repeated) yield* throttle.refund(channel.id);
        return accepted(received);
      }),
  }),
];
