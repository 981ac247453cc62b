/** The HTTP API on Koa 3: the app, and the middleware that mounts it under a prefix in another Koa app. */
export { createApp, type HttpApp } from './app.ts';
export { mountApi } from './mount.ts';
export type { HttpConfig, HttpDeps, HttpUseCases } from './http-deps.ts';
export type { QiscusUseCases } from './qiscus/qiscus-use-cases.ts';
export type { RateLimitStore } from './rate-limits.ts';
export { createLogger, redactPaths } from './logger.ts';
