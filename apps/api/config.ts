import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Schema } from 'effect';
import { withoutTrailingSlashes } from '../../core/shared/text.ts';
import { AmqpPrefix, AmqpUrl, BooleanFromEnv, ConfigError, DatabaseUrl, decodeEnv, IntFromEnv, LogLevel, MetricsToken, Url } from '../shared/env.ts';

export { ConfigError };

const Secret32 = Schema.String.pipe(
  Schema.check(Schema.makeFilter<string>((s) => Buffer.byteLength(s, 'utf8') >= 32 || 'must be at least 32 bytes')),
);

const SecretsKey = Schema.String.pipe(
  Schema.check(Schema.makeFilter<string>((s) => Buffer.from(s, 'base64').length === 32 || 'must be 32 random bytes, base64')),
);

/** The environment as the API reads it (API.md, Configuration); every variable optional with its default. */
const Env = Schema.Struct({
  PORT: Schema.optionalKey(IntFromEnv(0, 65535)),
  DATABASE_URL: Schema.optionalKey(DatabaseUrl),
  AMQP_URL: Schema.optionalKey(AmqpUrl),
  JWT_SECRET: Schema.optionalKey(Secret32),
  ACCESS_TOKEN_TTL_SECONDS: Schema.optionalKey(IntFromEnv(1, 86_400)),
  REFRESH_TOKEN_TTL_SECONDS: Schema.optionalKey(IntFromEnv(60, 31_536_000)),
  PUBLIC_BASE_URL: Schema.optionalKey(Url(['http:', 'https:'])),
  ALLOCATION_SWEEP_SECONDS: Schema.optionalKey(IntFromEnv(1, 86_400)),
  AMQP_PREFIX: Schema.optionalKey(AmqpPrefix),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: Schema.optionalKey(IntFromEnv(1, 1_000_000)),
  LOGIN_MAX_FAILURES_PER_ADDRESS: Schema.optionalKey(IntFromEnv(1, 1_000_000)),
  LOGIN_FAILURE_WINDOW_SECONDS: Schema.optionalKey(IntFromEnv(1, 604_800)),
  CHANNEL_RATE_LIMIT_PER_MINUTE: Schema.optionalKey(IntFromEnv(1, 1_000_000)),
  TRUST_PROXY: Schema.optionalKey(IntFromEnv(0, 10)),
  SECRETS_KEY: Schema.optionalKey(SecretsKey),
  LOG_LEVEL: Schema.optionalKey(LogLevel),
  OUTBOUND_ALLOW_PRIVATE_NETWORKS: Schema.optionalKey(BooleanFromEnv),
  METRICS_TOKEN: Schema.optionalKey(MetricsToken),
  METRICS_PER_TENANT: Schema.optionalKey(BooleanFromEnv),
  EVENT_STREAMS_PER_USER: Schema.optionalKey(IntFromEnv(1, 1000)),
  EVENT_HEARTBEAT_MS: Schema.optionalKey(IntFromEnv(10, 15_000)),
  EVENT_STREAM_BUFFER_BYTES: Schema.optionalKey(IntFromEnv(1024, 64 * 1024 * 1024)),
});

/** The names of every variable the API reads (the README's configuration table lists them all). */
export const apiEnvironment: ReadonlyArray<string> = Object.keys(Env.fields);

export interface ApiConfig {
  readonly port: number;
  readonly databaseUrl: string;
  readonly amqpUrl: string | null;
  readonly amqpPrefix: string;
  readonly jwtSecret: string;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;
  readonly publicBaseUrl: string;
  readonly allocationSweepSeconds: number;
  readonly loginMaxFailuresPerAccount: number;
  readonly loginMaxFailuresPerAddress: number;
  readonly loginFailureWindowSeconds: number;
  readonly channelRateLimitPerMinute: number;
  readonly trustProxy: number;
  readonly secretsKey: Buffer;
  readonly logLevel: string;
  /** Outbound calls (webhooks, Qiscus) may reach loopback and private addresses. */
  readonly outboundAllowPrivateNetworks: boolean;
  /** `GET /metrics` answers only with this bearer token; null: no metrics. */
  readonly metricsToken: string | null;
  /** Queue gauges carry a `tenant` label. */
  readonly metricsPerTenant: boolean;
  /** Live-event streams: per user, heartbeat period, unread bytes before a slow client is dropped. */
  readonly eventStreamsPerUser: number;
  readonly eventHeartbeatMs: number;
  readonly eventStreamBufferBytes: number;
}

/** A secret from the environment, or one generated once and kept under `dataDir` (the embedded default). */
const keptSecret = (dataDir: string, file: string, make: () => string): string => {
  const path = join(dataDir, file);
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(draft, `${make()}\n`, { mode: 0o600, flag: 'wx' });
    // link() publishes the complete file atomically; when another process won the race, its key is kept.
    try {
      linkSync(draft, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(draft);
    }
  }
  return readFileSync(path, 'utf8').trim();
};

export const loadConfig = (env: Readonly<Record<string, string | undefined>>, dataDir = './data'): ApiConfig => {
  const e = decodeEnv(Env, env);
  const port = e.PORT ?? 3000;
  const jwtSecret = e.JWT_SECRET ?? keptSecret(dataDir, 'jwt-secret', () => randomBytes(48).toString('base64url'));
  const secretsKey = e.SECRETS_KEY ?? keptSecret(dataDir, 'secrets-key', () => randomBytes(32).toString('base64'));
  return {
    port,
    databaseUrl: e.DATABASE_URL ?? 'sqlite:./data/switchboard.db',
    amqpUrl: e.AMQP_URL ?? null,
    amqpPrefix: e.AMQP_PREFIX ?? 'switchboard',
    jwtSecret,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS ?? 900,
    refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS ?? 1_209_600,
    publicBaseUrl: withoutTrailingSlashes(e.PUBLIC_BASE_URL ?? `http://localhost:${port}`),
    allocationSweepSeconds: e.ALLOCATION_SWEEP_SECONDS ?? 30,
    loginMaxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT ?? 10,
    loginMaxFailuresPerAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS ?? 100,
    loginFailureWindowSeconds: e.LOGIN_FAILURE_WINDOW_SECONDS ?? 900,
    channelRateLimitPerMinute: e.CHANNEL_RATE_LIMIT_PER_MINUTE ?? 600,
    trustProxy: e.TRUST_PROXY ?? 0,
    secretsKey: Buffer.from(secretsKey, 'base64'),
    logLevel: e.LOG_LEVEL ?? 'info',
    outboundAllowPrivateNetworks: e.OUTBOUND_ALLOW_PRIVATE_NETWORKS === 'true',
    metricsToken: e.METRICS_TOKEN ?? null,
    metricsPerTenant: e.METRICS_PER_TENANT === 'true',
    eventStreamsPerUser: e.EVENT_STREAMS_PER_USER ?? 5,
    eventHeartbeatMs: e.EVENT_HEARTBEAT_MS ?? 10_000,
    eventStreamBufferBytes: e.EVENT_STREAM_BUFFER_BYTES ?? 1024 * 1024,
  };
};
