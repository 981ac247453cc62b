import { Router } from '@koa/router';
import { Duration, Effect } from 'effect';
import Koa, { type Context, type Next } from 'koa';
import { allocationRoutes } from './allocation.routes.ts';
import { reportRoutes } from './reports.routes.ts';
import { authRoutes } from './auth.routes.ts';
import { channelRoutes } from './channels.routes.ts';
import { CursorCodec } from './cursor-codec.ts';
import { mountConsole } from './console.routes.ts';
import { customerRoutes } from './customers.routes.ts';
import { mountDocs } from './docs.routes.ts';
import type { HttpDeps } from './http-deps.ts';
import { bodyLimitBytes } from './json-body.ts';
import { measureRequests, mountMetrics } from './metrics.routes.ts';
import { openApiDocument } from './openapi.ts';
import { ChannelThrottle, LoginThrottle } from './rate-limits.ts';
import { requestContext } from './request-context.middleware.ts';
import type { AnyRoute } from './route.ts';
import { runRoute, writeProblem } from './route-runner.ts';
import { settingsRoutes } from './settings.routes.ts';
import { ticketRoutes } from './tickets.routes.ts';
import { userRoutes } from './users.routes.ts';
import { qiscusRoutes } from './qiscus/qiscus.routes.ts';
import { webhookRoutes } from './webhooks.routes.ts';
import { eventRoutes } from './events/events.routes.ts';
import type { LiveEvents } from './events/live-events.ts';

export interface HttpApp {
  readonly koa: Koa;
  readonly routes: ReadonlyArray<AnyRoute>;
  /** This process's live-event streams: tell it of every committed event (`notify`). */
  readonly events: LiveEvents;
  /** The Node request listener. */
  callback(): ReturnType<Koa['callback']>;
  /** From now on `/readyz` answers 503, so load balancers stop sending traffic, and live-event streams end. */
  beginShutdown(): void;
}

/** Known path, wrong method → 405 with `Allow`; unknown path → 404. Runs before any authentication. */
const fallback = (router: Router) => async (ctx: Context, _next: Next): Promise<void> => {
  const match = router.match(ctx.path, ctx.method);
  const allowed = [...new Set(match.path.flatMap((layer) => layer.methods))];
  if (allowed.length === 0) {
    writeProblem(ctx, { status: 404, code: 'not_found', message: 'No such resource.' });
    return;
  }
  ctx.set('Allow', [...allowed, 'OPTIONS'].join(', '));
  if (ctx.method === 'OPTIONS') {
    ctx.status = 204;
    return;
  }
  writeProblem(ctx, { status: 405, code: 'method_not_allowed', message: `Use one of: ${allowed.join(', ')}.` });
};

/** The Koa application of the HTTP API, built on whatever adapters the use cases were given. */
export const createApp = (deps: HttpDeps): HttpApp => {
  const { config, useCases, logger } = deps;
  const { limits } = deps;
  const loginThrottle = new LoginThrottle(
    {
      maxFailuresPerAccount: config.loginMaxFailuresPerAccount,
      maxFailuresPerAddress: config.loginMaxFailuresPerAddress,
      windowSeconds: config.loginFailureWindowSeconds,
    },
    limits.counter,
  );
  const channelThrottle = new ChannelThrottle(config.channelRateLimitPerMinute, limits.shared ? limits.counter : undefined);
  const routes: ReadonlyArray<AnyRoute> = [
    ...authRoutes(useCases, loginThrottle),
    ...userRoutes(useCases),
    ...customerRoutes(useCases),
    ...ticketRoutes(useCases),
    ...settingsRoutes(useCases),
    ...channelRoutes(useCases, channelThrottle),
    ...allocationRoutes(useCases),
    ...reportRoutes(useCases),
    ...qiscusRoutes(useCases),
    ...webhookRoutes(useCases),
    ...eventRoutes(useCases, deps.events),
  ];
  const services = {
    useCases,
    cursors: new CursorCodec(config.cursorKey),
    trustProxy: config.trustProxy,
    bodyLimitBytes: config.bodyLimitBytes ?? bodyLimitBytes,
  };
  const router = new Router();
  for (const route of routes) router[route.method](route.path, runRoute(route, services));

  let shuttingDown = false;
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const ready =
      !shuttingDown &&
      (await Effect.runPromise(
        deps.ready().pipe(
          Effect.timeoutOrElse({ duration: Duration.seconds(3), orElse: () => Effect.succeed(false) }),
          Effect.catchCause(() => Effect.succeed(false)),
        ),
      ));
    if (ready) ctx.body = { status: 'ready' };
    else writeProblem(ctx, { status: 503, code: 'unavailable', message: shuttingDown ? 'Shutting down.' : 'The store does not answer.' });
  });
  const openapi = openApiDocument(routes, { version: '0.1.0', serverUrl: config.publicBaseUrl });
  router.get('/api/openapi.json', (ctx) => {
    ctx.body = openapi;
  });
  mountDocs(router);
  mountConsole(router, deps.consoleDir);
  if (deps.metrics !== undefined) mountMetrics(router, deps.metrics);

  const koa = new Koa();
  koa.on('error', (error: unknown) => logger.error({ err: error }, 'koa error'));
  if (deps.metrics !== undefined) koa.use(measureRequests(deps.metrics));
  koa.use(requestContext(logger));
  koa.use(router.routes());
  koa.use(fallback(router));
  return {
    koa,
    routes,
    events: deps.events,
    callback: () => koa.callback(),
    beginShutdown: () => {
      shuttingDown = true;
      deps.events.closeAll();
    },
  };
};

