import type { Router } from '@koa/router';
import type { Context, Next } from 'koa';
import type { HttpMetrics } from './http-deps.ts';
import { writeProblem } from './route-runner.ts';

/** Times every request, outermost, so the status is the one sent (the last-resort 500 included). */
export const measureRequests = (metrics: HttpMetrics) => async (ctx: Context, next: Next): Promise<void> => {
  const started = process.hrtime.bigint();
  try {
    await next();
  } finally {
    const matched = (ctx as Context & { _matchedRoute?: string | RegExp })._matchedRoute;
    metrics.observeRequest({
      method: ctx.method,
      route: matched === undefined ? 'unmatched' : String(matched),
      status: ctx.status,
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
    });
  }
};

/** `GET /metrics`: 404 (as for any unknown resource) unless the bearer token matches. */
export const mountMetrics = (router: Router, metrics: HttpMetrics): void => {
  router.get('/metrics', async (ctx) => {
    const answer = await metrics.scrape(ctx.get('authorization') || undefined);
    if (answer.status === 404) {
      writeProblem(ctx, { status: 404, code: 'not_found', message: 'No such resource.' });
      return;
    }
    ctx.set('Cache-Control', 'no-store');
    ctx.type = answer.contentType;
    ctx.body = answer.body;
  });
};
