import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpApp, type HttpTestEnv, type Staff } from '../support/http-app.ts';

let env: HttpTestEnv;
let admin: Staff;
let agent: Staff;
let customerId: string;

beforeAll(async () => {
  env = await startHttpApp();
  admin = (await env.tenant()).admin;
  agent = await env.staff(admin, 'agent');
  customerId = (await env.request('POST', '/api/customers', { token: admin.token, body: { name: 'Cu', email: 'cu@example.test', external_id: 'ext-1' } })).body.id;
});
afterAll(() => env.close());

const newTicket = async (body: Record<string, unknown> = {}) =>
  (await env.request('POST', '/api/tickets', { token: admin.token, body: { title: 'Help', customer_id: customerId, auto_assign: false, ...body } })).body;
const setStatus = (id: string, status: string) => env.request('PATCH', `/api/tickets/${id}/status`, { token: admin.token, body: { status } });

describe('customers', () => {
  it('creates, reads and lists customers; external_id is unique per tenant', async () => {
    const one = await env.request('GET', `/api/customers/${customerId}`, { token: agent.token });
    expect(one.body).toMatchObject({ id: customerId, name: 'Cu', email: 'cu@example.test', phone: null, external_id: 'ext-1', tenant_id: admin.tenantId });
    const dup = await env.request('POST', '/api/customers', { token: admin.token, body: { name: 'Other', external_id: 'ext-1' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('conflict');
    const list = await env.request('GET', '/api/customers', { token: agent.token });
    expect(list.body.data.map((c: { id: string }) => c.id)).toContain(customerId);
    expect((await env.request('GET', '/api/customers/nope', { token: admin.token })).status).toBe(404);
    expect((await env.request('POST', '/api/customers', { token: admin.token, body: { name: '' } })).status).toBe(422);
  });
});

describe('tickets', () => {
  it('creates an open api ticket, ignoring a client-given status, id and tenant', async () => {
    const res = await env.request('POST', '/api/tickets', {
      token: admin.token,
      body: { title: 'Printer 🖨️', description: 'd', customer_id: customerId, status: 'closed', id: 'x', tenant_id: 'y', auto_assign: false },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ title: 'Printer 🖨️', description: 'd', status: 'open', priority: 'medium', channel: 'api', channel_id: null, external_ref: null, assigned_agent_id: null, tenant_id: admin.tenantId });
    expect(res.body.id).not.toBe('x');
  });

  it('validates the title in code points and refuses an unknown customer with 422', async () => {
    expect((await env.request('POST', '/api/tickets', { token: admin.token, body: { title: '😀'.repeat(200), customer_id: customerId } })).status).toBe(201);
    const long = await env.request('POST', '/api/tickets', { token: admin.token, body: { title: '😀'.repeat(201), customer_id: customerId } });
    expect(long.status).toBe(422);
    expect(long.body.error.details[0].path).toBe('title');
    const ghost = await env.request('POST', '/api/tickets', { token: admin.token, body: { title: 'x', customer_id: 'no-such-customer' } });
    expect(ghost.status).toBe(422);
    expect(ghost.body.error.details[0].path).toBe('customer_id');
    expect((await env.request('POST', '/api/tickets', { token: admin.token, body: { title: 'x', customer_id: customerId, priority: 'urgent' } })).status).toBe(422);
  });

  it('follows the transition table, with the allowed moves in the 409 details', async () => {
    const t = await newTicket();
    expect((await setStatus(t.id, 'open')).status).toBe(200);
    expect((await setStatus(t.id, 'resolved')).body.status).toBe('resolved');
    const bad = await setStatus(t.id, 'open');
    expect(bad.status).toBe(409);
    expect(bad.body.error).toMatchObject({ code: 'invalid_transition', details: [{ path: 'status', message: 'allowed: in_progress, closed' }] });
    expect((await setStatus(t.id, 'closed')).status).toBe(200);
    const fromClosed = await setStatus(t.id, 'in_progress');
    expect(fromClosed.body.error.details).toEqual([{ path: 'status', message: 'allowed: none' }]);
    expect((await setStatus(t.id, 'done')).status).toBe(422);
  });

  it('assigns to an active agent only, unassigns with null, and refuses closed tickets', async () => {
    const t = await newTicket();
    const assigned = await env.request('PATCH', `/api/tickets/${t.id}/assign`, { token: admin.token, body: { agent_id: agent.id } });
    expect(assigned.body.assigned_agent_id).toBe(agent.id);
    const toAdmin = await env.request('PATCH', `/api/tickets/${t.id}/assign`, { token: admin.token, body: { agent_id: admin.id } });
    expect(toAdmin.status).toBe(422);
    expect(toAdmin.body.error.details[0].path).toBe('agent_id');
    expect((await env.request('PATCH', `/api/tickets/${t.id}/assign`, { token: admin.token, body: {} })).status).toBe(422);
    expect((await env.request('PATCH', `/api/tickets/${t.id}/assign`, { token: admin.token, body: { agent_id: null } })).body.assigned_agent_id).toBeNull();
    await setStatus(t.id, 'closed');
    const closed = await env.request('PATCH', `/api/tickets/${t.id}/assign`, { token: admin.token, body: { agent_id: agent.id } });
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('ticket_closed');
  });

  it('filters the list and pages through every row once with signed cursors', async () => {
    const mine = await env.request('POST', '/api/customers', { token: admin.token, body: { name: 'Pager' } });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await newTicket({ customer_id: mine.body.id, priority: 'high' })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `/api/tickets?customer_id=${mine.body.id}&priority=high&limit=2${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
      const page = await env.request('GET', q, { token: admin.token });
      expect(page.status).toBe(200);
      seen.push(...page.body.data.map((t: { id: string }) => t.id));
      cursor = page.body.next_cursor;
      if (cursor !== null && seen.length === 2) await newTicket({ customer_id: mine.body.id, priority: 'high' });
    } while (cursor !== null);
    expect(seen).toEqual([...ids].reverse());
    const first = await env.request('GET', `/api/tickets?customer_id=${mine.body.id}&limit=2`, { token: admin.token });
    const c = first.body.next_cursor as string;
    expect((await env.request('GET', `/api/tickets?customer_id=${mine.body.id}&status=open&limit=2&cursor=${c}`, { token: admin.token })).status).toBe(422);
    expect((await env.request('GET', `/api/customers?cursor=${c}`, { token: admin.token })).status).toBe(422);
    expect((await env.request('GET', `/api/tickets?customer_id=${mine.body.id}&cursor=${c.slice(0, -2)}xx`, { token: admin.token })).status).toBe(422);
    expect((await env.request('GET', '/api/tickets?assigned_agent_id=none&limit=', { token: admin.token })).status).toBe(200);
    for (const limit of ['0', '101', '2.5', 'ten']) expect((await env.request('GET', `/api/tickets?limit=${limit}`, { token: admin.token })).status).toBe(422);
  });
});

describe('conversation', () => {
  it('posts staff messages oldest first, keeps emoji intact, and refuses closed tickets', async () => {
    const t = await newTicket();
    const texts = ['first', 'second 👩‍💻', '😀'.repeat(10000)];
    for (const message of texts) expect((await env.request('POST', `/api/tickets/${t.id}/conversations`, { token: admin.token, body: { message } })).status).toBe(201);
    expect((await env.request('POST', `/api/tickets/${t.id}/conversations`, { token: admin.token, body: { message: 'x'.repeat(10001) } })).status).toBe(422);
    const list = await env.request('GET', `/api/tickets/${t.id}/conversations?limit=100`, { token: agent.token });
    expect(list.body.data.map((m: { message: string }) => m.message)).toEqual(texts);
    expect(list.body.data[0]).toMatchObject({ ticket_id: t.id, tenant_id: admin.tenantId, sender_type: 'admin', sender_id: admin.id });
    await setStatus(t.id, 'resolved');
    const onResolved = await env.request('POST', `/api/tickets/${t.id}/conversations`, { token: admin.token, body: { message: 'still here' } });
    expect(onResolved.status).toBe(201);
    expect((await env.request('GET', `/api/tickets/${t.id}`, { token: admin.token })).body.status).toBe('resolved');
    await setStatus(t.id, 'closed');
    const closed = await env.request('POST', `/api/tickets/${t.id}/conversations`, { token: admin.token, body: { message: 'late' } });
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('ticket_closed');
    expect((await env.request('GET', '/api/tickets/nope/conversations', { token: admin.token })).status).toBe(404);
  });
});
