import { Cause, Effect, Exit, Option } from 'effect';
import type { Context } from 'koa';
import type { Schema } from 'effect';
import { Unauthenticated } from '../../core/access/access.errors.ts';
import { mayAttempt } from '../../core/access/permissions.ts';
import type { Actor } from '../../core/shared/actor.ts';
import { Forbidden } from '../../core/shared/errors.ts';
import type { Page } from '../../core/shared/page.ts';
import { clientAddress } from './client-address.ts';
import type { CursorCodec, CursorScope } from './cursor-codec.ts';
import { problemOf, type KnownError, type KnownTag } from './error-table.ts';
import type { HttpUseCases } from './http-deps.ts';
import { errorBody, lift, validationFailed, ValidationFailed, type BodyRefusal, type HttpProblem } from './http-problem.ts';
import { readJsonBody, requireObject, type BodyRead } from './json-body.ts';
import { exactTags, type AnyRoute, type Pager, type Reply } from './route.ts';
import { decodeWith, nonEmptyQuery } from './validation.ts';

export interface RunnerServices {
  readonly useCases: Pick<HttpUseCases, 'authenticate'>;
  readonly cursors: CursorCodec;
  readonly trustProxy: number;
  readonly bodyLimitBytes: number;
}

const decode = <T>(schema: Schema.Decoder<T> | undefined, input: unknown): Effect.Effect<T, ValidationFailed> => {
  if (schema === undefined) return Effect.succeed({} as T);
  const decoded = decodeWith(schema, input);
  return decoded instanceof ValidationFailed ? Effect.fail(decoded) : Effect.succeed(decoded);
};

export const bearerPattern = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)[ ]*$/i;

/** The token of an `Authorization: Bearer` header; null when there is none. */
export const bearerToken = (header: string | undefined): string | null => {
  const match = bearerPattern.exec(header ?? '');
  return match?.[1] ?? null;
};

const authenticate = (ctx: Context, services: RunnerServices) => {
  const token = bearerToken(ctx.get('authorization'));
  if (token === null) return Effect.fail(new Unauthenticated());
  // Use cases get the bare actor; only a live-event stream cares when the token runs out.
  return services.useCases.authenticate.execute(token).pipe(Effect.map(({ userId, tenantId, role }): Actor => ({ userId, tenantId, role })));
};

/** What the runner itself answers, by the route's shape; the OpenAPI document adds these to each route's own tags. */
export const runnerErrors = {
  staff: exactTags<Effect.Error<ReturnType<typeof authenticate>>>()(['Unauthenticated', 'StoreUnavailable']),
  action: exactTags<Forbidden>()(['Forbidden']),
  /** Params and query. */
  shape: exactTags<ValidationFailed>()(['ValidationFailed']),
  body: exactTags<BodyRefusal>()(['MalformedJson', 'PayloadTooLarge', 'UnsupportedMediaType', 'ValidationFailed']),
} satisfies Record<string, ReadonlyArray<KnownTag>>;

const makePager = (route: AnyRoute, actor: Actor, query: { limit?: number; cursor?: string }, cursors: CursorCodec): Pager => {
  const scope = (filters: Readonly<Record<string, string | undefined>>): CursorScope => ({
    endpoint: `${route.method} ${route.path}`,
    tenantId: actor.tenantId,
    filters,
  });
  return {
    request: (filters) => {
      const limit = query.limit ?? 20;
      if (query.cursor === undefined) return Effect.succeed({ limit, after: null });
      const after = cursors.decode(scope(filters), query.cursor);
      return after === null
        ? Effect.fail(validationFailed([{ path: 'cursor', message: 'not a cursor of this list' }]))
        : Effect.succeed({ limit, after });
    },
    reply: <T>(page: Page<T>, filters: Readonly<Record<string, string | undefined>>, serialize: (item: T) => unknown): Reply => ({
      status: 200,
      body: {
        data: page.items.map(serialize),
        next_cursor: page.next === null ? null : cursors.encode(scope(filters), page.next),
      },
    }),
  };
};

const absent: BodyRead = { kind: 'absent' };

const pipeline = (route: AnyRoute, ctx: Context, services: RunnerServices): Effect.Effect<Reply, KnownError> =>
  Effect.gen(function* () {
    let actor: Actor | null = null;
    if (route.auth === 'staff') {
      actor = yield* authenticate(ctx, services);
      if (route.action !== undefined && !mayAttempt(actor, route.action)) return yield* new Forbidden({ action: route.action });
    }
    const params = yield* decode(route.params, ctx.params);
    // Koa parses the query string on first access: routes without a query schema never pay for it.
    const query = yield* (route.query === undefined ? decode(undefined, undefined) : decode(route.query, nonEmptyQuery(ctx.query)));
    const needsBody = route.body !== undefined || route.rawBody === true;
    const bodyRead = needsBody ? yield* Effect.promise(() => readJsonBody(ctx.req, services.bodyLimitBytes)) : absent;
    const body = route.body === undefined ? undefined : yield* decode(route.body, (yield* lift(requireObject(bodyRead))).value);
    const address = clientAddress(ctx.req.socket.remoteAddress, ctx.get('x-forwarded-for') || undefined, services.trustProxy);
    const common = { params, query, body, bodyRead, clientAddress: address, ctx };
    if (route.auth === 'staff' && actor !== null) {
      return yield* route.handle({ ...common, actor, pager: makePager(route, actor, query as object, services.cursors) });
    }
    return yield* (route.handle as (req: unknown) => Effect.Effect<Reply, KnownError>)({ ...common, actor: null, pager: undefined });
  });

export const writeProblem = (ctx: Context, p: HttpProblem): void => {
  ctx.status = p.status;
  for (const [name, value] of Object.entries(p.headers ?? {})) ctx.set(name, value);
  if (p.status === 401 && p.code === 'unauthenticated') ctx.set('WWW-Authenticate', 'Bearer');
  if (p.status === 413) ctx.set('Connection', 'close');
  ctx.body = errorBody(p);
};

/** Koa middleware running one route: auth, role check, shape, then the handler's effect. */
export const runRoute = (route: AnyRoute, services: RunnerServices) => async (ctx: Context): Promise<void> => {
  const exit = await Effect.runPromiseExit(pipeline(route, ctx, services));
  if (Exit.isSuccess(exit)) {
    const reply = exit.value;
    for (const [name, value] of Object.entries(reply.headers ?? {})) ctx.set(name, value);
    ctx.status = reply.status;
    if (reply.body !== undefined) ctx.body = reply.body;
    return;
  }
  const failure = Cause.findErrorOption(exit.cause);
  if (Option.isSome(failure)) return writeProblem(ctx, problemOf(failure.value));
  throw Cause.squash(exit.cause);
};
