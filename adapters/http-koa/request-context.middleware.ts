import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';
import type { Logger } from 'pino';
import { errorBody } from './http-problem.ts';

export const acceptableRequestId = /^[A-Za-z0-9._:-]{1,128}$/;

/** Request id (echoed or generated), one JSON log line per request, and the last-resort 500. */
export const requestContext = (logger: Logger) => async (ctx: Context, next: Next): Promise<void> => {
  const started = process.hrtime.bigint();
  const given = ctx.get('x-request-id');
  const requestId = acceptableRequestId.test(given) ? given : randomUUID();
  ctx.state.requestId = requestId;
  ctx.set('X-Request-Id', requestId);
  try {
    await next();
  } catch (error) {
    logger.error({ requestId, err: error, method: ctx.method, path: ctx.path }, 'request failed');
    ctx.status = 500;
    ctx.body = errorBody({ status: 500, code: 'internal_error', message: 'Something went wrong on our side.' });
  } finally {
    if (logger.isLevelEnabled('info')) {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info({ requestId, method: ctx.method, path: ctx.path, status: ctx.status, durationMs: Math.round(durationMs * 10) / 10 }, 'request');
    }
  }
};
