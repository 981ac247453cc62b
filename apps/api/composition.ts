import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Effect } from 'effect';
import type { Logger } from 'pino';
import { createApp, type HttpApp } from '../../adapters/http-koa/app.ts';
import { LiveEvents } from '../../adapters/http-koa/events/live-events.ts';
import type { HttpUseCases } from '../../adapters/http-koa/http-deps.ts';
import type { RateLimitStore } from '../../adapters/http-koa/rate-limits.ts';
import { MemoryRateCounter } from '../../adapters/memory/memory-rate-counter.ts';
import { randomSecretGenerator, standardWebhookVerifier, webhookSecretGenerator } from '../../adapters/crypto/standard-webhooks.ts';
import { JwtAccessTokenIssuer } from '../../adapters/crypto/jwt-access-token-issuer.ts';
import { RandomRefreshTokenFactory } from '../../adapters/crypto/random-refresh-token-factory.ts';
import { QiscusWebhookNotices } from '../../adapters/qiscus/qiscus-webhooks.ts';
import { qiscusSettings } from '../../adapters/qiscus/qiscus-settings.ts';
import { streamLeaseMs } from '../../core/events/stream-leases.ts';
import type { Clock } from '../../core/shared/ports.ts';
import type { UnitOfWork } from '../../core/shared/unit-of-work.port.ts';
import type { ProcessMetrics } from '../shared/metrics.ts';
import { rootParts, type RootParts, type RootSettings } from '../shared/root.ts';
import type { ApiConfig } from './config.ts';
import { useCaseFactories, type CoreDeps } from './use-case-factories.ts';

/** Whether the store answers; default: a read through the unit of work. */
export type Readiness = () => Effect.Effect<boolean>;

/** What the composition root needs to know from the API's config. */
export const rootSettingsOf = (cfg: ApiConfig): RootSettings => ({
  databaseUrl: cfg.databaseUrl,
  secretsKey: cfg.secretsKey,
  outboundAllowPrivateNetworks: cfg.outboundAllowPrivateNetworks,
  metrics: cfg.metricsToken === null ? null : { token: cfg.metricsToken, perTenant: cfg.metricsPerTenant },
});

export interface ApiPartsOptions {
  readonly readiness?: Readiness;
  /** The login and channel counters (default: this process's memory; see `apps/shared/limiters.ts`). */
  readonly limits?: RateLimitStore;
  /** The system clock unless a test drives time (ignored when `parts` is given). */
  readonly clock?: Clock;
  /** The process's root parts (default: built here from the config). */
  readonly parts?: RootParts;
}

/** The API's object graph on a unit of work. */
export interface ApiParts {
  readonly coreDeps: CoreDeps;
  readonly useCases: HttpUseCases;
  readonly app: HttpApp;
  /** null without `METRICS_TOKEN`. */
  readonly metrics: ProcessMetrics | null;
}

/** The API's leaves on the root parts: the ports only the API uses, its use cases and its HTTP app. */
export const buildApiParts = (cfg: ApiConfig, logger: Logger, uow: UnitOfWork, options: ApiPartsOptions = {}): ApiParts => {
  const parts = options.parts ?? rootParts(rootSettingsOf(cfg), options.clock);
  const coreDeps: CoreDeps = {
    uow,
    clock: parts.clock,
    ids: parts.ids,
    hasher: parts.hasher,
    accessTokens: new JwtAccessTokenIssuer({ secret: cfg.jwtSecret, ttlSeconds: cfg.accessTokenTtlSeconds }),
    refreshTokens: new RandomRefreshTokenFactory({ ttlSeconds: cfg.refreshTokenTtlSeconds }),
    secrets: randomSecretGenerator,
    channelSecrets: webhookSecretGenerator,
    verifier: standardWebhookVerifier,
    platform: parts.outbound.platform,
    destinations: parts.outbound.guard,
    notices: new QiscusWebhookNotices(),
    platformSettings: qiscusSettings,
    publicBaseUrl: cfg.publicBaseUrl,
    eventStreams: { perUser: cfg.eventStreamsPerUser, leaseMs: streamLeaseMs(cfg.eventHeartbeatMs) },
  };
  const useCases = Object.fromEntries(Object.entries(useCaseFactories).map(([name, make]) => [name, make(coreDeps)])) as unknown as HttpUseCases;
  const app = createApp({
    ...(parts.metrics === null ? {} : { metrics: parts.metrics.http }),
    useCases,
    logger,
    config: {
      trustProxy: cfg.trustProxy,
      cursorKey: createHmac('sha256', cfg.jwtSecret).update('switchboard list cursors').digest(),
      loginMaxFailuresPerAccount: cfg.loginMaxFailuresPerAccount,
      loginMaxFailuresPerAddress: cfg.loginMaxFailuresPerAddress,
      loginFailureWindowSeconds: cfg.loginFailureWindowSeconds,
      channelRateLimitPerMinute: cfg.channelRateLimitPerMinute,
      publicBaseUrl: cfg.publicBaseUrl,
    },
    limits: options.limits ?? { counter: new MemoryRateCounter(), shared: false },
    events: new LiveEvents({
      uow,
      clock: parts.clock,
      logger,
      heartbeatMs: cfg.eventHeartbeatMs,
      leaseMs: streamLeaseMs(cfg.eventHeartbeatMs),
      maxBufferedBytes: cfg.eventStreamBufferBytes,
    }),
    consoleDir: fileURLToPath(new URL('../console/dist/', import.meta.url)),
    ready:
      options.readiness ??
      (() =>
        uow.read((s) => s.tenants.get('readiness-probe')).pipe(
          Effect.as(true),
          Effect.catchCause(() => Effect.succeed(false)),
        )),
  });
  return { coreDeps, useCases, app, metrics: parts.metrics };
};
