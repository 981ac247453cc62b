import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { connect, createServer as createTcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Effect } from 'effect';
import { channelHeaders } from '../../support/channel-signing.ts';
import { Argon2PasswordHasher } from '../../../adapters/crypto/argon2-password-hasher.ts';
import { createLogger } from '../../../adapters/http-koa/logger.ts';
import type { RateLimitStore } from '../../../adapters/http-koa/rate-limits.ts';
import { MemoryRateCounter } from '../../../adapters/memory/memory-rate-counter.ts';
import { StoreUnavailable } from '../../../core/shared/errors.ts';
import type { RateCounter } from '../../../core/shared/rate-counter.port.ts';
import { systemClock, uuidV7Ids } from '../../../adapters/system/index.ts';
import { loadConfig } from '../../../apps/api/config.ts';
import { buildApiParts } from '../../../apps/api/composition.ts';
import type { UnitOfWork } from '../../../core/shared/unit-of-work.port.ts';
import { CreateTenantUseCase } from '../../../core/tenancy/create-tenant.use-case.ts';

/** The limits every app of these tests runs with (small, so a test reaches them quickly). */
export const limitsEnv = {
  LOGIN_MAX_FAILURES_PER_ACCOUNT: '4',
  LOGIN_MAX_FAILURES_PER_ADDRESS: '6',
  LOGIN_FAILURE_WINDOW_SECONDS: '900',
  CHANNEL_RATE_LIMIT_PER_MINUTE: '4',
  TRUST_PROXY: '1',
} as const;

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  // oxlint-disable-next-line no-explicit-any -- JSON bodies are asserted field by field
  readonly body: any;
}

/** One API process: the Koa app the API composes, listening on a free port. */
export interface ApiProcess {
  request(method: string, path: string, options?: { body?: unknown; raw?: string; headers?: Record<string, string>; token?: string }): Promise<Reply>;
  /** A login from `address` (sent as X-Forwarded-For; the apps trust one proxy). */
  login(email: string, password: string, address: string): Promise<Reply>;
  webhook(channel: { key: string; secret: string }, payload: object): Promise<Reply>;
  close(): Promise<void>;
}

const jwtSecret = randomBytes(32).toString('hex');
const secretsKey = randomBytes(32).toString('base64');

export const startApi = async (deps: { readonly uow: UnitOfWork; readonly limits: RateLimitStore; readonly databaseUrl?: string; readonly env?: Readonly<Record<string, string>> }): Promise<ApiProcess> => {
  const config = loadConfig({ JWT_SECRET: jwtSecret, SECRETS_KEY: secretsKey, DATABASE_URL: deps.databaseUrl ?? 'memory:', LOG_LEVEL: 'silent', ...limitsEnv, ...deps.env });
  const app = buildApiParts(config, createLogger({ level: 'silent' }), deps.uow, { limits: deps.limits }).app;
  const server: Server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const request: ApiProcess['request'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token !== undefined) headers.authorization = `Bearer ${o.token}`;
    const body = o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(baseUrl + path, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text === '' ? null : JSON.parse(text) };
  };
  return {
    request,
    login: (email, password, address) => request('POST', '/api/login', { body: { email, password }, headers: { 'x-forwarded-for': address } }),
    webhook: (channel, payload) => {
      const raw = JSON.stringify(payload);
      return request('POST', '/api/channel/webhook', {
        raw,
        headers: channelHeaders(channel, raw),
      });
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

/** A fresh tenant with its admin, created straight through the core (no login, so no counter moves). */
export const createTenant = async (uow: UnitOfWork): Promise<{ readonly email: string; readonly password: string }> => {
  const email = `admin-${randomUUID().slice(0, 8)}@limits.test`;
  const password = 'admin-password-1';
  const create = new CreateTenantUseCase({ uow, hasher: new Argon2PasswordHasher(), clock: systemClock, ids: uuidV7Ids });
  await Effect.runPromise(create.execute({ name: `Limits ${randomUUID().slice(0, 6)}`, adminEmail: email, adminPassword: password }));
  return { email, password };
};

/** A client address of its own per test, so the per-address counter of one test never reaches another. */
export const freshAddress = (): string => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 250) + 1).join('.')}`;

export const unknownEmail = (): string => `nobody-${randomUUID().slice(0, 8)}@limits.test`;

/** Memory counters whose named operations (`take`, `giveBack`, `clear`) can be made to fail, as a counter store that went down would. */
export const breakableLimits = (shared = false): RateLimitStore & { readonly failing: Set<keyof RateCounter> } => {
  const failing = new Set<keyof RateCounter>();
  const memory = new MemoryRateCounter();
  const down = () => Effect.fail(new StoreUnavailable({ cause: new Error('counter store down') }));
  const counter: RateCounter = {
    take: (key, limit, windowMs) => (failing.has('take') ? down() : memory.take(key, limit, windowMs)),
    giveBack: (key) => (failing.has('giveBack') ? down() : memory.giveBack(key)),
    clear: (key) => (failing.has('clear') ? down() : memory.clear(key)),
  };
  return { counter, shared, failing };
};

/** A TCP forwarder to a server, which a test can take down (refusing and cutting connections) and bring back. */
export interface TcpProxy {
  readonly port: number;
  down(): Promise<void>;
  up(): Promise<void>;
}

export const tcpProxy = async (target: { readonly host: string; readonly port: number }): Promise<TcpProxy> => {
  const sockets = new Set<Socket>();
  const server = createTcpServer((client) => {
    const upstream = connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    down: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
    up: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
  };
};
