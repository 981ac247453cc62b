import { Effect } from 'effect';
import { ChannelDto, CreatedChannelDto, IntakeDto, listOf } from './dto.schemas.ts';
import type { HttpUseCases } from './http-deps.ts';
import { rateLimited } from './http-problem.ts';
import type { ChannelThrottle } from './rate-limits.ts';
import { ChannelWebhookBody, CreateChannelBody, PagingQuery } from './request.schemas.ts';
import { created, publicRoute, staffRoute, type AnyRoute } from './route.ts';
import { channelJson, createdChannelJson } from './serializers.ts';
import { decodeWith } from './validation.ts';
import { requireObject } from './json-body.ts';
import { HttpFailure } from './http-problem.ts';

const lift = <T>(value: T | HttpFailure): Effect.Effect<T, HttpFailure> =>
  value instanceof HttpFailure ? Effect.fail(value) : Effect.succeed(value);

export const channelRoutes = (useCases: HttpUseCases, throttle: ChannelThrottle): ReadonlyArray<AnyRoute> => [
  staffRoute<{}, {}, typeof CreateChannelBody.Type>({
    method: 'post',
    path: '/api/channels',
    tag: 'Channels',
    summary: 'Create a signed inbound channel (admin); the secret is shown only here',
    action: 'channels.manage',
    body: CreateChannelBody,
    success: { status: 201, description: 'The channel with its secret', schema: CreatedChannelDto },
    errors: [400, 401, 403, 413, 415, 422],
    handle: ({ actor, body }) => useCases.createChannel.execute(body, actor).pipe(Effect.map((c) => created(createdChannelJson(c)))),
  }),
  staffRoute<{}, typeof PagingQuery.Type>({
    method: 'get',
    path: '/api/channels',
    tag: 'Channels',
    summary: 'List channels, without secrets (admin)',
    action: 'channels.manage',
    query: PagingQuery,
    success: { status: 200, description: 'A page of channels', schema: listOf(ChannelDto) },
    errors: [401, 403, 422],
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
    summary: 'A customer message from a channel, signed with X-Channel-Key and X-Signature: sha256=<hex HMAC of the raw body>',
    rawBody: true,
    success: { status: 202, description: 'Accepted: the ticket, message and customer', schema: IntakeDto },
    errors: [400, 401, 413, 415, 422, 429],
    handle: ({ bodyRead, ctx }) =>
      Effect.gen(function* () {
        if (bodyRead.kind === 'refused') return yield* bodyRead.failure;
        const rawBody = bodyRead.kind === 'json' ? bodyRead.raw : Buffer.alloc(0);
        const channel = yield* useCases.authenticateChannel.execute({
          key: ctx.get('x-channel-key') || undefined,
          signature: ctx.get('x-signature') || undefined,
          rawBody,
        });
        const wait = yield* throttle.take(channel.id);
        if (wait !== null) return yield* rateLimited(wait);
        const body = yield* lift(decodeWith(ChannelWebhookBody, (yield* lift(requireObject(bodyRead))).value));
        const received = yield* useCases.receiveChannelMessage.execute({
          channel,
          customerExternalId: body.customer_external_id,
          customerName: body.customer_name,
          message: body.message,
          title: body.title,
        });
        return {
          status: 202,
          body: { ticket_id: received.ticketId, message_id: received.messageId, customer_id: received.customerId },
        };
      }),
  }),
];
