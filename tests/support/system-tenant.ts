import { randomUUID } from 'node:crypto';
import { channelHeaders } from './channel-signing.ts';
import type { SystemWorld } from './system-world.ts';

export interface HttpReply {
  readonly status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

export const call = async (baseUrl: string, method: string, path: string, body?: unknown, token?: string, headers: Record<string, string> = {}): Promise<HttpReply> => {
  const all: Record<string, string> = { ...headers };
  if (body !== undefined) all['content-type'] = 'application/json';
  if (token !== undefined) all.authorization = `Bearer ${token}`;
  const res = await fetch(baseUrl + path, { method, headers: all, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
  const text = await res.text();
  return { status: res.status, body: text === '' ? null : JSON.parse(text) };
};

const expectStatus = (reply: HttpReply, status: number, what: string): HttpReply => {
  if (reply.status !== status) throw new Error(`${what}: expected ${status}, got ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply;
};

export const login = async (baseUrl: string, email: string, password: string): Promise<string> =>
  expectStatus(await call(baseUrl, 'POST', '/api/login', { email, password }), 200, `login ${email}`).body.access_token as string;

export interface SignedChannel {
  readonly key: string;
  readonly secret: string;
}

export interface StaffedTenant {
  readonly tenantId: string;
  readonly adminToken: string;
  readonly agentIds: ReadonlyArray<string>;
  readonly channel: SignedChannel;
}

/** Through the API: `agents` agents with `max_customers = capacity`, all online, and a signed channel. */
export const staffTenant = async (world: SystemWorld, options: { readonly agents: number; readonly capacity: number }): Promise<StaffedTenant> => {
  const api = world.apis[0]?.baseUrl as string;
  const adminToken = await login(api, world.tenant.adminEmail, world.tenant.adminPassword);
  const agentIds = await Promise.all(
    Array.from({ length: options.agents }, async (_, i) => {
      const email = `agent-${i}-${world.prefix}@system.test`;
      const password = `agent-pass-${i}-x`;
      const created = expectStatus(await call(api, 'POST', '/api/users', { email, name: `Agent ${i}`, password, role: 'agent' }, adminToken), 201, 'create agent');
      const id = created.body.id as string;
      expectStatus(await call(api, 'PATCH', `/api/users/${id}`, { max_customers: options.capacity }, adminToken), 200, 'set capacity');
      const token = await login(api, email, password);
      expectStatus(await call(api, 'PATCH', '/api/me/availability', { availability: 'online' }, token), 200, 'go online');
      return id;
    }),
  );
  const channel = expectStatus(await call(api, 'POST', '/api/channels', { name: 'web form' }, adminToken), 201, 'create channel').body;
  return { tenantId: world.tenant.id, adminToken, agentIds, channel: { key: channel.key, secret: channel.secret } };
};

/** One customer message through the signed channel webhook. */
export const postConversation = (baseUrl: string, channel: SignedChannel, customerExternalId: string, message = 'Hello, my order has not arrived.'): Promise<HttpReply> => {
  const raw = JSON.stringify({ customer_external_id: customerExternalId, customer_name: `Customer ${customerExternalId}`, message });
  return call(baseUrl, 'POST', '/api/channel/webhook', raw, undefined, channelHeaders(channel, raw));
};

/** Runs `work(i)` for i in 0..count-1 with at most `concurrency` at once. */
export const inParallel = async <A>(count: number, concurrency: number, work: (i: number) => Promise<A>): Promise<A[]> => {
  const results: A[] = new Array(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await work(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return results;
};

/** `count` first messages from distinct customers, spread round-robin over the given APIs; resolves with the ticket ids (202 each). */
export const sendConversations = async (baseUrls: ReadonlyArray<string>, channel: SignedChannel, count: number, concurrency = 16): Promise<string[]> => {
  const run = randomUUID().slice(0, 8);
  return inParallel(count, concurrency, async (i) => {
    const reply = await postConversation(baseUrls[i % baseUrls.length] as string, channel, `cust-${run}-${i}`);
    return expectStatus(reply, 202, `webhook ${i}`).body.ticket_id as string;
  });
};

/** Resolves each ticket through the API (round-robin over `baseUrls`), all at once. */
export const resolveTickets = (baseUrls: ReadonlyArray<string>, adminToken: string, ticketIds: ReadonlyArray<string>): Promise<void[]> =>
  Promise.all(
    ticketIds.map(async (id, i) => {
      expectStatus(await call(baseUrls[i % baseUrls.length] as string, 'PATCH', `/api/tickets/${id}/status`, { status: 'resolved' }, adminToken), 200, `resolve ${id}`);
    }),
  );
