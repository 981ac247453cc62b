import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildConsole } from '../../../apps/console/build.ts';
import { startApi } from '../../integration/quickstart/api-process.ts';
import { call, login, type HttpReply } from '../../support/system-tenant.ts';

export interface ConsoleApp {
  readonly baseUrl: string;
  readonly adminEmail: string;
  readonly adminPassword: string;
  adminToken(): Promise<string>;
  api(method: string, path: string, body?: unknown, token?: string): Promise<HttpReply>;
  /** An agent made through the API; returns its id and password. */
  agent(name: string, options?: { readonly maxCustomers?: number }): Promise<{ readonly id: string; readonly email: string; readonly password: string }>;
  stop(): Promise<void>;
}

/** The real app as `npm start` runs it, on SQLite in a temp folder, serving the console build (built first if stale). */
export const startConsoleApp = async (env: Readonly<Record<string, string>> = {}): Promise<ConsoleApp> => {
  await buildConsole();
  const cwd = await mkdtemp(join(tmpdir(), 'switchboard-console-'));
  const api = await startApi(cwd, 30_000, env);
  const adminPassword = /password: (\S+)/.exec(api.banner)?.[1] ?? '';
  const adminEmail = 'admin@demo.local';
  const self: ConsoleApp = {
    baseUrl: api.baseUrl,
    adminEmail,
    adminPassword,
    adminToken: () => login(api.baseUrl, adminEmail, adminPassword),
    api: (method, path, body, token) => call(api.baseUrl, method, path, body, token),
    agent: async (name, options = {}) => {
      const token = await self.adminToken();
      const email = `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}@demo.local`;
      const password = `${name}-password-1`;
      const created = await call(api.baseUrl, 'POST', '/api/users', { email, name, password, role: 'agent' }, token);
      if (created.status !== 201) throw new Error(`create agent: ${created.status} ${JSON.stringify(created.body)}`);
      if (options.maxCustomers !== undefined) await call(api.baseUrl, 'PATCH', `/api/users/${created.body.id}`, { max_customers: options.maxCustomers }, token);
      return { id: created.body.id as string, email, password };
    },
    stop: async () => {
      await api.stop();
      await rm(cwd, { recursive: true, force: true });
    },
  };
  return self;
};
