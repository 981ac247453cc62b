import type { Context, Middleware, Next } from 'koa';
import type { HttpApp } from './app.ts';

type Step = (ctx: Context, next: Next) => unknown;

const runChain = async (steps: ReadonlyArray<Step>, ctx: Context, index = 0): Promise<void> => {
  const step = steps[index];
  if (step !== undefined) await step(ctx, () => runChain(steps, ctx, index + 1));
};

/** `prefix` without its leading and trailing slashes (a loop: no regex to backtrack). */
const trimSlashes = (prefix: string): string => {
  let start = 0;
  let end = prefix.length;
  while (start < end && prefix[start] === '/') start += 1;
  while (end > start && prefix[end - 1] === '/') end -= 1;
  return prefix.slice(start, end);
};

/**
 * The whole API as middleware of another Koa app, answering under `prefix` (e.g. `/support`): a request for
 * `/support/api/login` is the API's `/api/login`; any other path goes on to the host's next middleware.
 * Set the API's `publicBaseUrl` to include the prefix, so webhook URLs and the OpenAPI server name it.
 */
export const mountApi = (prefix: string, app: Pick<HttpApp, 'koa'>): Middleware => {
  const base = `/${trimSlashes(prefix)}`;
  if (base === '/') throw new Error('mountApi: the prefix must name a path, e.g. /support');
  return async (ctx, next) => {
    const path = ctx.path;
    if (path !== base && !path.startsWith(`${base}/`)) return next();
    ctx.path = path.slice(base.length) || '/';
    try {
      await runChain(app.koa.middleware as unknown as ReadonlyArray<Step>, ctx);
    } finally {
      ctx.path = path;
    }
  };
};
