import type { Logger } from 'pino';

/** What `createSwitchboard` takes: the API's configuration (API.md, Configuration) as options instead of variables. */
export interface SwitchboardOptions {
  /** `DATABASE_URL`: `sqlite:<path>` (embedded) or `mysql://user:pass@host:port/db` (`mariadb://` too). */
  readonly databaseUrl: string;
  /** `JWT_SECRET`: signs access tokens and list cursors; at least 32 bytes. */
  readonly jwtSecret: string;
  /** `AMQP_URL`: unset, the jobs run in this process; set, the worker runs them and this process publishes its events. */
  readonly amqpUrl?: string;
  /** `AMQP_PREFIX`: names of the exchange and queues (default `switchboard`). */
  readonly amqpPrefix?: string;
  /** `SECRETS_KEY`: 32 random bytes, base64, sealing stored platform secrets; default one generated once under `dataDir`. */
  readonly secretsKey?: string;
  /** `PUBLIC_BASE_URL`: how the outside world reaches the API, prefix included (webhook URLs, the OpenAPI server). */
  readonly publicBaseUrl?: string;
  /** `ACCESS_TOKEN_TTL_SECONDS` (default 900). */
  readonly accessTokenTtlSeconds?: number;
  /** `REFRESH_TOKEN_TTL_SECONDS` (default 14 days). */
  readonly refreshTokenTtlSeconds?: number;
  /** `ALLOCATION_SWEEP_SECONDS`: how often waiting tickets are offered again (default 30). */
  readonly allocationSweepSeconds?: number;
  /** `LOGIN_MAX_FAILURES_PER_ACCOUNT` (default 10 per window). */
  readonly loginMaxFailuresPerAccount?: number;
  /** `LOGIN_MAX_FAILURES_PER_ADDRESS` (default 100 per window). */
  readonly loginMaxFailuresPerAddress?: number;
  /** `LOGIN_FAILURE_WINDOW_SECONDS` (default 900). */
  readonly loginFailureWindowSeconds?: number;
  /** `CHANNEL_RATE_LIMIT_PER_MINUTE` (default 600 per channel). */
  readonly channelRateLimitPerMinute?: number;
  /** `TRUST_PROXY`: hops of `X-Forwarded-For` to trust (default 0). */
  readonly trustProxy?: number;
  /** `LOG_LEVEL` of the default logger (default `info`); ignored when `logger` is given. */
  readonly logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** `OUTBOUND_ALLOW_PRIVATE_NETWORKS`: outbound calls may reach loopback and private addresses (default false). */
  readonly outboundAllowPrivateNetworks?: boolean;
  /** Where a generated `secretsKey` is kept (default `./data`). */
  readonly dataDir?: string;
  /** A pino logger to write to (default: JSON lines on stdout at `logLevel`). */
  readonly logger?: Logger;
}

const envName = (option: string): string => option.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase();

/** The options as the environment the API's config schema decodes: `jwtSecret` → `JWT_SECRET`, numbers as text. */
export const optionsAsEnv = (options: Omit<SwitchboardOptions, 'dataDir' | 'logger'>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(options)
      .filter(([, value]) => value !== undefined && (typeof value !== 'object' || value === null))
      .map(([name, value]) => [envName(name), String(value)]),
  );
