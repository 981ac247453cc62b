import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelHeaders } from '../support/channel-signing.ts';
import { startHttpApp, type HttpTestEnv, type Staff } from '../support/http-app.ts';

let env: HttpTestEnv;
let admin: Staff;

beforeAll(async () => {
  env = await startHttpApp({ env: { CHANNEL_RATE_LIMIT_PER_MINUTE: '5' } });
  admin = (await env.tenant()).admin;
});
afterAll(() => env.close());

const webhook = (channel: { key: string; secret: string }, body: unknown, signature?: string) => {
  const raw = JSON.stringify(body);
  const headers = channelHeaders(channel, raw);
  return env.request('POST', '/api/channel/webhook', {
    raw,
    headers: { ...headers, 'content-type': 'application/json', 'webhook-signature': signature ?? (headers['webhook-signature'] as string) },
  });
};
const badSignature = `v1,${Buffer.alloc(32).toString('base64')}`;
const newChannel = async (name = 'Web') => (await env.request('POST', '/api/channels', { token: admin.token, body: { name } })).body;

describe('channels', () => {
  it('shows the secret only at creation', async () => {
    const created = await newChannel('Site chat');
    expect(created).toMatchObject({ name: 'Site chat', key: expect.any(String), secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/) });
    const list = await env.request('GET', '/api/channels', { token: admin.token });
    const listed = list.body.data.find((c: { id: string }) => c.id === created.id);
    expect(listed).toEqual({ id: created.id, name: 'Site chat', key: created.key, created_at: created.created_at });
  });

  it('turns a signed message into a customer, ticket and message; the next one joins the same ticket', async () => {
    const channel = await newChannel();
    const first = await webhook(channel, { customer_external_id: 'cust-1', customer_name: 'Zoë', message: `Hello ${'😀'.repeat(100)}` });
    expect(first.status).toBe(202);
    const second = await webhook(channel, { customer_external_id: 'cust-1', message: 'again' });
    expect(second.body.ticket_id).toBe(first.body.ticket_id);
    expect(second.body.customer_id).toBe(first.body.customer_id);
    const ticket = await env.request('GET', `/api/tickets/${first.body.ticket_id}`, { token: admin.token });
    expect(ticket.body).toMatchObject({ channel: 'webhook', channel_id: channel.id, title: `Hello ${'😀'.repeat(74)}` });
    const messages = await env.request('GET', `/api/tickets/${first.body.ticket_id}/conversations`, { token: admin.token });
    expect(messages.body.data.map((m: { sender_type: string; sender_id: string }) => [m.sender_type, m.sender_id])).toEqual([
      ['customer', first.body.customer_id],
      ['customer', first.body.customer_id],
    ]);
  });

  it('answers 401 to a bad key or signature, with no effect, and 422 to a signed bad body', async () => {
    const channel = await newChannel();
    const body = { customer_external_id: 'cust-bad', message: 'x' };
    expect((await webhook(channel, body, badSignature)).status).toBe(401);
    expect((await webhook({ key: 'nope', secret: channel.secret }, body)).status).toBe(401);
    const customers = await env.request('GET', '/api/customers?limit=100', { token: admin.token });
    expect(customers.body.data.some((c: { external_id: string }) => c.external_id === 'cust-bad')).toBe(false);
    const invalid = await webhook(channel, { message: 'no customer' });
    expect(invalid.status).toBe(422);
  });

  it('limits correctly signed requests per channel; refused ones do not count', async () => {
    const channel = await newChannel();
    const other = await newChannel();
    for (let i = 0; i < 10; i++) expect((await webhook(channel, { customer_external_id: 'r', message: 'x' }, badSignature)).status).toBe(401);
    for (let i = 0; i < 5; i++) expect((await webhook(channel, { customer_external_id: `r${i}`, message: 'x' })).status).toBe(202);
    const over = await webhook(channel, { customer_external_id: 'r-over', message: 'x' });
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('rate_limited');
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const customers = await env.request('GET', '/api/customers?limit=100', { token: admin.token });
    expect(customers.body.data.some((c: { external_id: string }) => c.external_id === 'r-over')).toBe(false);
    expect((await webhook(other, { customer_external_id: 'o', message: 'x' })).status).toBe(202);
  });
});

describe('settings', () => {
  it('reads and changes settings, and the compatibility endpoint shares max_customers_per_agent', async () => {
    expect((await env.request('GET', '/api/settings', { token: admin.token })).body).toEqual({ max_customers_per_agent: 2, auto_assign: true, sla: null, business_hours: null });
    const patched = await env.request('PATCH', '/api/settings', { token: admin.token, body: { max_customers_per_agent: 4, auto_assign: false } });
    expect(patched.body).toEqual({ max_customers_per_agent: 4, auto_assign: false, sla: null, business_hours: null });
    expect((await env.request('GET', '/api/v1/settings/max_customers', { token: admin.token })).body).toEqual({ max_customers: 4 });
    const compat = await env.request('POST', '/api/v1/settings/max_customers', { token: admin.token, body: { max_customers: 7 } });
    expect(compat.status).toBe(200);
    expect(compat.body).toEqual({ max_customers: 7 });
    expect((await env.request('GET', '/api/settings', { token: admin.token })).body.max_customers_per_agent).toBe(7);
    for (const bad of [0, 1001, 2.5]) {
      expect((await env.request('POST', '/api/v1/settings/max_customers', { token: admin.token, body: { max_customers: bad } })).status).toBe(422);
      expect((await env.request('PATCH', '/api/settings', { token: admin.token, body: { max_customers_per_agent: bad } })).status).toBe(422);
    }
    expect((await env.request('PATCH', '/api/settings', { token: admin.token, body: { auto_assign: 'yes' } })).status).toBe(422);
  });
});

describe('allocation views', () => {
  it('lists waiting tickets with queued_at and position, and every active agent with load and capacity', async () => {
    const { admin: boss } = await env.tenant();
    const agent = await env.staff(boss, 'agent');
    const customer = await env.request('POST', '/api/customers', { token: boss.token, body: { name: 'Q' } });
    const low = await env.request('POST', '/api/tickets', { token: boss.token, body: { title: 'low', priority: 'low', customer_id: customer.body.id, auto_assign: true } });
    const high = await env.request('POST', '/api/tickets', { token: boss.token, body: { title: 'high', priority: 'high', customer_id: customer.body.id, auto_assign: true } });
    const queue = await env.request('GET', '/api/allocation/queue', { token: boss.token });
    expect(queue.status).toBe(200);
    expect(queue.body.data.map((t: { id: string; position: number }) => [t.id, t.position])).toEqual([
      [high.body.id, 1],
      [low.body.id, 2],
    ]);
    expect(queue.body.data[0].queued_at).toMatch(/Z$/);
    const agents = await env.request('GET', '/api/allocation/agents', { token: boss.token });
    expect(agents.body.data).toEqual([{ agent_id: agent.id, name: 'A agent', availability: 'offline', load: 0, capacity: 2 }]);
  });
});
