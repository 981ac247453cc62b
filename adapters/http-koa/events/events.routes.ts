import { Effect, Schema } from 'effect';
import { Unauthenticated } from '../../../core/access/access.errors.ts';
import type { HttpUseCases } from '../http-deps.ts';
import { rateLimited, ValidationFailed } from '../http-problem.ts';
import { created, publicRoute, staffRoute, type AnyRoute } from '../route.ts';
import { bearerToken } from '../route-runner.ts';
import { decodeWith, nonEmptyQuery, Text } from '../validation.ts';
import type { LiveEvents } from './live-events.ts';

const StreamTicketDto = Schema.Struct({ ticket: Schema.String, expires_in: Schema.Int }).annotate({ identifier: 'StreamTicket' });
const StreamQuery = Schema.Struct({ ticket: Schema.optionalKey(Text(1, 512)), last_event_id: Schema.optionalKey(Text(1, 200)) });

const eventStreamDoc = [
  'Server-sent events: `id: <id>`, `event: <type>`, `data: <envelope JSON>`, in ascending id order;',
  'comment lines (`: heartbeat`) at least every 15 s; `event: reset` with `data: {}` first when the resume id is unknown or expired.',
  'A stream opened with a bearer token ends when the token expires (resume with a fresh one and `Last-Event-ID`); a token already expired (within the clock leeway) opens none (401).',
].join(' ');

export const eventRoutes = (useCases: HttpUseCases, live: LiveEvents): ReadonlyArray<AnyRoute> => [
  staffRoute({
    method: 'post',
    path: '/api/events/ticket',
    tag: 'Live events',
    summary: 'A single-use stream ticket (for EventSource, which cannot send an Authorization header)',
    success: { status: 201, description: 'Redeemable once, on any API process, within `expires_in` seconds', schema: StreamTicketDto },
    errors: ['StoreUnavailable'],
    handle: ({ actor }) => useCases.issueStreamTicket.execute(actor).pipe(Effect.map((t) => created({ ticket: t.ticket, expires_in: t.expiresIn }))),
  }),
  publicRoute({
    method: 'get',
    path: '/api/events',
    tag: 'Live events',
    summary: "Follow the tenant's events live (bearer token or `?ticket=`), resuming after `Last-Event-ID`",
    docs: {
      security: [{ bearer: [] }, { streamTicket: [] }],
      parameters: [
        { name: 'last_event_id', in: 'query', required: false, description: 'Resume after this event id (the `Last-Event-ID` header wins)', schema: Schema.String },
        { name: 'Last-Event-ID', in: 'header', required: false, description: 'Resume after this event id (EventSource sends it on reconnect)', schema: Schema.String },
      ],
    },
    success: { status: 200, description: eventStreamDoc, contentType: 'text/event-stream', schema: Schema.String },
    errors: ['Unauthenticated', 'ValidationFailed', 'RateLimited', 'StoreUnavailable'],
    handle: ({ ctx }) =>
      Effect.gen(function* () {
        const raw = nonEmptyQuery(ctx.query);
        const ticket = typeof raw['ticket'] === 'string' ? raw['ticket'] : undefined;
        const token = bearerToken(ctx.get('authorization'));
        // Authentication first (401 before 422), with whichever credential was sent. A bearer token's stream ends when the token runs out.
        const { actor, until } =
          ticket !== undefined
            ? { actor: yield* useCases.redeemStreamTicket.execute(ticket), until: null }
            : token !== null
              ? yield* useCases.authenticate.execute(token).pipe(Effect.map(({ expiresAt, ...rest }) => ({ actor: rest, until: expiresAt })))
              : yield* new Unauthenticated();
        const query = decodeWith(StreamQuery, raw);
        if (query instanceof ValidationFailed) return yield* query;
        const header = ctx.get('last-event-id');
        const lastEventId = header !== '' ? header : query.last_event_id;
        const lease = yield* useCases.claimStream.execute(actor, until).pipe(Effect.catchTag('TooManyStreams', (e) => Effect.fail(rateLimited(e.retryAfterSeconds))));
        yield* live.open(ctx.res, actor, lease, lastEventId, until);
        ctx.respond = false;
        return { status: 200 };
      }),
  }),
];
