import { Schema } from 'effect';
import { AmqpPrefix, AmqpUrl, BooleanFromEnv, ConfigError, DatabaseUrl, decodeEnv, IntFromEnv, LogLevel, MetricsToken } from '../shared/env.ts';

/** The environment as the worker reads it (API.md, Configuration), plus its shutdown grace period. */
const Env = Schema.Struct({
  DATABASE_URL: Schema.optionalKey(DatabaseUrl),
  AMQP_URL: Schema.optionalKey(AmqpUrl),
  AMQP_PREFIX: Schema.optionalKey(AmqpPrefix),
  ALLOCATION_SWEEP_SECONDS: Schema.optionalKey(IntFromEnv(1, 86_400)),
  SHUTDOWN_GRACE_SECONDS: Schema.optionalKey(IntFromEnv(1, 600)),
  LOG_LEVEL: Schema.optionalKey(LogLevel),
  OUTBOUND_ALLOW_PRIVATE_NETWORKS: Schema.optionalKey(BooleanFromEnv),
  METRICS_PORT: Schema.optionalKey(IntFromEnv(0, 65535)),
  METRICS_TOKEN: Schema.optionalKey(MetricsToken),
  METRICS_PER_TENANT: Schema.optionalKey(BooleanFromEnv),
});

/** The names of every variable the worker reads (the README's configuration table lists them all); `SECRETS_KEY` through `secretsKeyFrom`. */
export const workerEnvironment: ReadonlyArray<string> = [...Object.keys(Env.fields), 'SECRETS_KEY'];

export interface WorkerConfig {
  readonly databaseUrl: string;
  /** null: no broker, the jobs run in-process. */
  readonly amqpUrl: string | null;
  readonly amqpPrefix: string;
  readonly allocationSweepSeconds: number;
  readonly shutdownGraceSeconds: number;
  readonly logLevel: string;
  readonly outboundAllowPrivateNetworks: boolean;
  /** The port of the worker's own `/metrics`; null: no metrics. */
  readonly metricsPort: number | null;
  /** When set, the worker's `/metrics` asks for it as a bearer token too. */
  readonly metricsToken: string | null;
  readonly metricsPerTenant: boolean;
}

/** A configuration value is wrong; the message names the variable. */
export const WorkerConfigError = ConfigError;

export const loadWorkerConfig = (env: Readonly<Record<string, string | undefined>>): WorkerConfig => {
  const e = decodeEnv(Env, env);
  return {
    databaseUrl: e.DATABASE_URL ?? 'sqlite:./data/switchboard.db',
    amqpUrl: e.AMQP_URL ?? null,
    amqpPrefix: e.AMQP_PREFIX ?? 'switchboard',
    allocationSweepSeconds: e.ALLOCATION_SWEEP_SECONDS ?? 30,
    shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS ?? 20,
    logLevel: e.LOG_LEVEL ?? 'info',
    outboundAllowPrivateNetworks: e.OUTBOUND_ALLOW_PRIVATE_NETWORKS === 'true',
    metricsPort: e.METRICS_PORT ?? null,
    metricsToken: e.METRICS_TOKEN ?? null,
    metricsPerTenant: e.METRICS_PER_TENANT === 'true',
  };
};
