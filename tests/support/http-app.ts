import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Effect } from 'effect';
import { capturingLogger } from './log-capture.ts';
import type { HttpApp } from '../../adapters/http-koa/app.ts';
import { Argon2PasswordHasher } from '../../adapters/crypto/argon2-password-hasher.ts';
import { MemoryUnitOfWork } from '../../adapters/memory/memory-unit-of-work.ts';
import { systemClock, uuidV7Ids } from '../../adapters/system/index.ts';
import { CreateTenantUseCase } from '../../core/tenancy/create-tenant.use-case.ts';
import { MemoryTenantDirectory } from '../../adapters/memory/memory-tenant-directory.ts';
import type { Clock } from '../../core/shared/ports.ts';
import type { UnitOfWork } from '../../core/shared/unit-of-work.port.ts';
import { SweepSlaUseCase, type SweepSlaReport } from '../../core/tickets/sweep-sla.use-case.ts';
import { loadConfig } from '../../apps/api/config.ts';
import { buildApiParts } from '../../apps/api/composition.ts';
import type { ContractEnvFactory } from '../contract/contract-env.ts';
import { CommitSignal, wakeOnCommit } from '../../apps/shared/wake-on-commit.ts';

/** The store the e2e suite runs on; swap it (SQLite, MariaDB) with `E2E_STORE` or the `makeStore` option. */
export const memoryStoreFactory: ContractEnvFactory = async () => {
  const uow = new MemoryUnitOfWork();
  return { uow, directory: new MemoryTenantDirectory(uow.db), close: async () => {} };
};

/** `E2E_STORE=<module path>` (exporting `makeStore: ContractEnvFactory`) runs the suite on another store. */
const configuredStoreFactory = async (): Promise<ContractEnvFactory> => {
  const module = process.env.E2E_STORE;
  if (module === undefined || module === '') return memoryStoreFactory;
  const loaded = (await import(module)) as { makeStore?: ContractEnvFactory };
  if (loaded.makeStore === undefined) throw new Error(`${module} does not export makeStore`);
  return loaded.makeStore;
};

export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  // oxlint-disable-next-line no-explicit-any -- JSON bodies are asserted field by field in tests
  readonly body: any;
}

export interface RequestOptions {
  readonly token?: string;
  readonly body?: unknown;
  /** Sent as-is (no JSON encoding). */
  readonly raw?: string | Buffer;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Staff {
  readonly id: string;
  readonly tenantId: string;
  readonly email: string;
  readonly password: string;
  readonly token: string;
  readonly refreshToken: string;
}

export interface HttpTestEnv {
  readonly baseUrl: string;
  readonly jwtSecret: string;
  readonly app: HttpApp;
  /** The app's unit of work (what it commits notifies its live streams). */
  readonly uow: UnitOfWork;
  readonly logs: string[];
  request(method: string, path: string, options?: RequestOptions): Promise<HttpResponse>;
  /** A fresh tenant with a logged-in admin. */
  tenant(): Promise<{ readonly tenantId: string; readonly admin: Staff }>;
  /** A user created through the API by `admin`, then logged in. */
  staff(admin: Staff, role: 'admin' | 'agent'): Promise<Staff>;
  login(email: string, password: string): Promise<HttpResponse>;
  /** One run of the SLA sweep the jobs run every 15 s, at the app's clock. */
  sweepSla(): Promise<SweepSlaReport>;
  close(): Promise<void>;
}

export const uniqueEmail = (label = 'user'): string => `${label}-${randomUUID().slice(0, 8)}@example.test`;

export const startHttpApp = async (
  options: { readonly env?: Readonly<Record<string, string>>; readonly makeStore?: ContractEnvFactory; readonly clock?: Clock } = {},
): Promise<HttpTestEnv> => {
  const jwtSecret = randomBytes(32).toString('hex');
  const config = loadConfig({
    JWT_SECRET: jwtSecret,
    SECRETS_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'info',
    // The local fakes (Qiscus, webhook receivers) listen on loopback; the SSRF tests turn this off.
    OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true',
    ...options.env,
  });
  const store = await (options.makeStore ?? (await configuredStoreFactory()))();
  const { logger, lines: logs } = capturingLogger();
  const clock = options.clock ?? systemClock;
  // As in apps/api/main.ts: committed events reach this app's live streams.
  const commits = new CommitSignal();
  const uow = wakeOnCommit(store.uow, commits);
  const app = buildApiParts(config, logger, uow, { clock }).app;
  commits.subscribe((events) => app.events.notify(events));
  const server: Server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const createTenant = new CreateTenantUseCase({ uow, hasher: new Argon2PasswordHasher(), clock: systemClock, ids: uuidV7Ids });

  const request = async (method: string, path: string, o: RequestOptions = {}): Promise<HttpResponse> => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token !== undefined) headers.authorization = `Bearer ${o.token}`;
    let body: string | Buffer | undefined = o.raw;
    if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(baseUrl + path, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // not JSON (e.g. the docs page)
    }
    return { status: res.status, headers: res.headers, body: parsed };
  };

  const login = (email: string, password: string) => request('POST', '/api/login', { body: { email, password } });

  const loggedIn = async (email: string, password: string): Promise<Staff> => {
    const res = await login(email, password);
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.user.id, tenantId: res.body.user.tenant_id, email, password, token: res.body.access_token, refreshToken: res.body.refresh_token };
  };

  return {
    baseUrl,
    jwtSecret,
    app,
    uow,
    logs,
    request,
    login,
    tenant: async () => {
      const email = uniqueEmail('admin');
      const password = 'admin-password-1';
      const created = await Effect.runPromise(createTenant.execute({ name: `Tenant ${randomUUID().slice(0, 6)}`, adminEmail: email, adminPassword: password }));
      return { tenantId: created.tenant.id, admin: await loggedIn(email, password) };
    },
    staff: async (admin, role) => {
      const email = uniqueEmail(role);
      const password = `${role}-password-1`;
      const res = await request('POST', '/api/users', { token: admin.token, body: { email, name: `A ${role}`, password, role } });
      if (res.status !== 201) throw new Error(`create user failed: ${res.status} ${JSON.stringify(res.body)}`);
      return loggedIn(email, password);
    },
    sweepSla: () => {
      if (store.directory === undefined) throw new Error('this store has no tenant directory');
      return Effect.runPromise(new SweepSlaUseCase({ uow, clock, ids: uuidV7Ids, directory: store.directory }).execute());
    },
    close: async () => {
      app.beginShutdown();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
};
