import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { ContractEnvFactory } from '../contract/contract-env.ts';
import { FakeQiscus } from '../support/fake-qiscus/fake-qiscus.ts';
import { startHttpApp, uniqueEmail, type HttpTestEnv, type Staff } from '../support/http-app.ts';
import type { Hints } from './schema-values.ts';

/** Whatever a tenant made through the API, by kind. */
export interface TenantData {
  readonly admin: Staff;
  readonly agent: Staff;
  readonly customers: string[];
  readonly tickets: string[];
  readonly channelKey: string;
  /** The channel's `whsec_` secret: the fuzzer signs its channel deliveries with it. */
  readonly channelSecret: string;
  readonly webhookToken: string;
}

export interface FuzzWorld {
  readonly env: HttpTestEnv;
  readonly a: TenantData;
  readonly b: TenantData;
  /** Cursors answered so far (any endpoint, any tenant), for requests that send someone else's. */
  readonly cursors: string[];
  readonly hints: Hints;
  /** Brings tenant A's admin and agent back to working tokens if a fuzzed request took them away. */
  heal(): Promise<void>;
  close(): Promise<void>;
}

const must = async (env: HttpTestEnv, token: string, method: string, path: string, body?: unknown) => {
  const res = await env.request(method, path, { token, ...(body === undefined ? {} : { body }) });
  if (res.status >= 300) throw new Error(`setup ${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

/** A tenant with an admin, an agent, customers, tickets in every state, messages, a channel and a Qiscus integration. */
const populate = async (env: HttpTestEnv, admin: Staff, qiscus: Record<string, string>): Promise<TenantData> => {
  const agent = await env.staff(admin, 'agent');
  const call = (method: string, path: string, body?: unknown) => must(env, admin.token, method, path, body);
  await must(env, agent.token, 'PATCH', '/api/me/availability', { availability: 'online' });
  const customers = [
    (await call('POST', '/api/customers', { name: 'Budi', email: uniqueEmail('budi'), external_id: randomUUID() })).id as string,
    (await call('POST', '/api/customers', { name: 'Sari 😀' })).id as string,
  ];
  const tickets: string[] = [];
  for (const [i, priority] of (['low', 'medium', 'high'] as const).entries()) {
    tickets.push((await call('POST', '/api/tickets', { title: `T${i}`, customer_id: customers[i % 2], priority, auto_assign: false })).id as string);
  }
  await call('PATCH', `/api/tickets/${tickets[0]}/assign`, { agent_id: agent.id });
  await call('POST', `/api/tickets/${tickets[0]}/conversations`, { message: 'Hello 👋' });
  await call('PATCH', `/api/tickets/${tickets[2]}/status`, { status: 'closed' });
  const channel = await call('POST', '/api/channels', { name: 'Web' });
  await call('PATCH', '/api/settings', { max_customers_per_agent: 3 });
  const integration = await call('PUT', '/api/integrations/qiscus', qiscus);
  return { admin, agent, customers, tickets, channelKey: channel.key, channelSecret: channel.secret, webhookToken: integration.webhook_token };
};

const uuidV7ish = fc.uuid({ version: 7 });

export const startFuzzWorld = async (makeStore: ContractEnvFactory): Promise<FuzzWorld> => {
  const env = await startHttpApp({
    makeStore,
    env: {
      OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true',
      LOGIN_MAX_FAILURES_PER_ADDRESS: '1000000',
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000000',
      // Signed deliveries are judged on their bodies, not turned away by the channel's rate limit.
      CHANNEL_RATE_LIMIT_PER_MINUTE: '1000000',
    },
  });
  const qiscus = await FakeQiscus.start();
  const { appCode, secretKey, adminEmail, adminPassword } = qiscus.credentials;
  const a = await populate(env, (await env.tenant()).admin, {
    app_code: appCode, secret_key: secretKey, base_url: qiscus.baseUrl, admin_email: adminEmail, admin_password: adminPassword,
  });
  // Tenant B's Qiscus is a closed port: nothing the fuzzer does may ever make the server call it.
  const b = await populate(env, (await env.tenant()).admin, { app_code: `b-${randomUUID()}`, secret_key: 'b-secret', base_url: 'http://127.0.0.1:9' });
  const ids = [a.admin.id, a.agent.id, ...a.customers, ...a.tickets, b.admin.id, b.agent.id, ...b.customers, ...b.tickets];
  const idArb = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: uuidV7ish });
  const cursors: string[] = [];
  const hints: Hints = {
    id: idArb,
    customer_id: idArb,
    agent_id: fc.oneof(idArb, fc.constant(null)),
    assigned_agent_id: fc.oneof(idArb, fc.constant('none')),
    email: fc.oneof(fc.emailAddress(), fc.constantFrom(a.admin.email, a.agent.email, b.admin.email, uniqueEmail('fuzz'))),
    base_url: fc.oneof({ weight: 5, arbitrary: fc.constant(qiscus.baseUrl) }, { weight: 1, arbitrary: fc.constantFrom('not a url', 'ftp://127.0.0.1:9', 'http://[::1]:9', null) }),
    url: fc.constantFrom(`${qiscus.baseUrl}/resolved`, 'not a url', 'javascript:alert(1)', null),
    app_code: fc.oneof({ weight: 5, arbitrary: fc.constant(appCode) }, { weight: 1, arbitrary: fc.string() }),
    app_id: fc.oneof({ weight: 5, arbitrary: fc.constant(appCode) }, { weight: 1, arbitrary: fc.string() }),
    secret_key: fc.oneof({ weight: 5, arbitrary: fc.constant(secretKey) }, { weight: 1, arbitrary: fc.string() }),
    admin_email: fc.oneof({ weight: 5, arbitrary: fc.constant(adminEmail) }, { weight: 1, arbitrary: fc.string() }),
    admin_password: fc.oneof({ weight: 5, arbitrary: fc.constant(adminPassword) }, { weight: 1, arbitrary: fc.string() }),
    token: fc.oneof(fc.constant(a.webhookToken), fc.string({ minLength: 16, maxLength: 40 })),
  };
  const alive = async (staff: Staff): Promise<boolean> => (await env.request('GET', '/api/me', { token: staff.token })).status === 200;
  const relogin = async (staff: Staff, password: string): Promise<Staff> => {
    const res = await env.login(staff.email, password);
    if (res.status !== 200) throw new Error(`re-login of ${staff.email}: ${res.status} ${JSON.stringify(res.body)}`);
    return { ...staff, password, token: res.body.access_token, refreshToken: res.body.refresh_token };
  };
  const heal = async (): Promise<void> => {
    if (!(await alive(a.admin))) Object.assign(a, { admin: await relogin(a.admin, a.admin.password) });
    if (await alive(a.agent)) return;
    const password = `agent-${randomUUID()}`;
    await must(env, a.admin.token, 'PATCH', `/api/users/${a.agent.id}`, { active: true, role: 'agent', password });
    Object.assign(a, { agent: await relogin(a.agent, password) });
  };
    const close = async () => {
    await env.close();
    await qiscus.close();
  };
  return { env, a, b, cursors, hints, heal, close };
};

/** Every read tenant B's admin has, as raw text: equal before and after means nothing of B changed. */
export const snapshotOf = async (world: FuzzWorld): Promise<string> => {
  const { env, b } = world;
  const read = async (path: string) => {
    const res = await fetch(env.baseUrl + path, { headers: { authorization: `Bearer ${b.admin.token}` } });
    return `${path} ${res.status} ${await res.text()}`;
  };
  const lists = ['/api/users', '/api/customers', '/api/tickets', '/api/channels', '/api/allocation/queue', '/api/allocation/agents'];
  const parts = await Promise.all([
    ...lists.map((path) => read(`${path}?limit=100`)),
    ...['/api/me', '/api/settings', '/api/v1/settings/max_customers', '/api/integrations/qiscus'].map(read),
    ...[b.admin.id, b.agent.id].map((id) => read(`/api/users/${id}`)),
    ...b.customers.map((id) => read(`/api/customers/${id}`)),
    ...b.tickets.flatMap((id) => [read(`/api/tickets/${id}`), read(`/api/tickets/${id}/conversations?limit=100`)]),
  ]);
  return parts.join('\n');
};
