import { Effect } from 'effect';
import { Container, type ServiceIdentifier } from 'inversify';
import type { Logger } from 'pino';
import { createApp, type HttpApp } from '../../adapters/http-koa/app.ts';
import type { HttpUseCases } from '../../adapters/http-koa/http-deps.ts';
import type { RateLimitStore } from '../../adapters/http-koa/rate-limits.ts';
import { MemoryRateCounter } from '../../adapters/memory/memory-rate-counter.ts';
import { Argon2PasswordHasher } from '../../adapters/crypto/argon2-password-hasher.ts';
import { randomSecretGenerator, standardWebhookVerifier, webhookSecretGenerator } from '../../adapters/crypto/standard-webhooks.ts';
import { JwtAccessTokenIssuer } from '../../adapters/crypto/jwt-access-token-issuer.ts';
import { RandomRefreshTokenFactory } from '../../adapters/crypto/random-refresh-token-factory.ts';
import { systemClock, uuidV7Ids } from '../../adapters/memory/memory-ids.ts';
import { QiscusWebhookNotices } from '../../adapters/qiscus/qiscus-webhooks.ts';
import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../../core/shared/ports.ts';
import type { UnitOfWork } from '../../core/shared/unit-of-work.port.ts';
import { buildMetrics, type ProcessMetrics } from '../shared/metrics.ts';
import { buildOutbound } from '../shared/outbound.ts';
import type { ApiConfig } from './config.ts';
import { useCaseFactories, type CoreDeps } from './use-case-factories.ts';
import { LiveEvents } from '../../adapters/http-koa/events/live-events.ts';

/** A stream's lease outlives a few missed heartbeats, so a busy process does not lose its places. */
const leaseMsOf = (cfg: ApiConfig): number => Math.max(30_000, 3 * cfg.eventHeartbeatMs);

export const tokens = {
  config: Symbol.for('switchboard.Config') as ServiceIdentifier<ApiConfig>,
  logger: Symbol.for('switchboard.Logger') as ServiceIdentifier<Logger>,
  uow: Symbol.for('switchboard.UnitOfWork') as ServiceIdentifier<UnitOfWork>,
  coreDeps: Symbol.for('switchboard.CoreDeps') as ServiceIdentifier<CoreDeps>,
  useCases: Symbol.for('switchboard.HttpUseCases') as ServiceIdentifier<HttpUseCases>,
  httpApp: Symbol.for('switchboard.HttpApp') as ServiceIdentifier<HttpApp>,
  /** null without `METRICS_TOKEN`. */
  metrics: Symbol.for('switchboard.Metrics') as ServiceIdentifier<ProcessMetrics | null>,
};

/** Whether the store answers; default: a read through the unit of work. */
export type Readiness = () => Effect.Effect<boolean>;

/**
 * The API's object graph; the store is given (see `store.ts`), everything else is built here.
 * `limits` holds the login and channel counters (default: this process's memory; see `apps/shared/limiters.ts`);
 * `clock` is the system clock unless a test drives time.
 */
export const buildContainer = (
  config: ApiConfig,
  logger: Logger,
  uow: UnitOfWork,
  readiness?: Readiness,
  limits?: RateLimitStore,
  clock: Clock = systemClock,
): Container => {
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(tokens.config).toConstantValue(config);
  container.bind(tokens.logger).toConstantValue(logger);
  container.bind(tokens.uow).toConstantValue(uow);
  container
    .bind(tokens.metrics)
    .toResolvedValue((cfg: ApiConfig) => (cfg.metricsToken === null ? null : buildMetrics({ token: cfg.metricsToken, perTenant: cfg.metricsPerTenant })), [tokens.config]);
  container.bind(tokens.coreDeps).toResolvedValue(
    (cfg: ApiConfig, store: UnitOfWork, metrics: ProcessMetrics | null): CoreDeps => {
      const outbound = buildOutbound(cfg.outboundAllowPrivateNetworks, metrics?.prometheus);
      return {
        uow: store,
        clock,
        ids: uuidV7Ids,
        hasher: new Argon2PasswordHasher(),
        accessTokens: new JwtAccessTokenIssuer({ secret: cfg.jwtSecret, ttlSeconds: cfg.accessTokenTtlSeconds }),
        refreshTokens: new RandomRefreshTokenFactory({ ttlSeconds: cfg.refreshTokenTtlSeconds }),
        secrets: randomSecretGenerator,
        channelSecrets: webhookSecretGenerator,
        verifier: standardWebhookVerifier,
        platform: outbound.platform,
        destinations: outbound.guard,
        notices: new QiscusWebhookNotices(),
        publicBaseUrl: cfg.publicBaseUrl,
        eventStreams: { perUser: cfg.eventStreamsPerUser, leaseMs: leaseMsOf(cfg) },
      };
    },
    [tokens.config, tokens.uow, tokens.metrics],
  );
  container.bind(tokens.useCases).toResolvedValue(
    (deps: CoreDeps) =>
      Object.fromEntries(Object.entries(useCaseFactories).map(([name, make]) => [name, make(deps)])) as unknown as HttpUseCases,
    [tokens.coreDeps],
  );
  container.bind(tokens.httpApp).toResolvedValue(
    (cfg: ApiConfig, log: Logger, useCases: HttpUseCases, store: UnitOfWork, metrics: ProcessMetrics | null) =>
      createApp({
        ...(metrics === null ? {} : { metrics: metrics.http }),
        useCases,
        logger: log,
        config: {
          trustProxy: cfg.trustProxy,
          cursorKey: createHmac('sha256', cfg.jwtSecret).update('switchboard list cursors').digest(),
          loginMaxFailuresPerAccount: cfg.loginMaxFailuresPerAccount,
          loginMaxFailuresPerAddress: cfg.loginMaxFailuresPerAddress,
          loginFailureWindowSeconds: cfg.loginFailureWindowSeconds,
          channelRateLimitPerMinute: cfg.channelRateLimitPerMinute,
          publicBaseUrl: cfg.publicBaseUrl,
        },
        limits: limits ?? { counter: new MemoryRateCounter(), shared: false },
        events: new LiveEvents({
          uow: store,
          clock,
          logger: log,
          heartbeatMs: cfg.eventHeartbeatMs,
          leaseMs: leaseMsOf(cfg),
          maxBufferedBytes: cfg.eventStreamBufferBytes,
        }),
        consoleDir: fileURLToPath(new URL('../console/dist/', import.meta.url)),
        ready:
          readiness ??
          (() =>
            store.read((s) => s.tenants.get('readiness-probe')).pipe(
              Effect.as(true),
              Effect.catchCause(() => Effect.succeed(false)),
            )),
      }),
    [tokens.config, tokens.logger, tokens.useCases, tokens.uow, tokens.metrics],
  );
  return container;
};
