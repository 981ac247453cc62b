import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpApp, type HttpTestEnv, type Staff } from '../support/http-app.ts';

let env: HttpTestEnv;
let a: Staff;
let b: Staff;
const foreign = { user: '', agent: '', customer: '', ticket: '' };
const missing = '01900000-0000-7000-8000-00000000dead';

beforeAll(async () => {
  env = await startHttpApp();
  a = (await env.tenant()).admin;
  b = (await env.tenant()).admin;
  const agentB = await env.staff(b, 'agent');
  foreign.user = b.id;
  foreign.agent = agentB.id;
  foreign.customer = (await env.request('POST', '/api/customers', { token: b.token, body: { name: 'B cust', external_id: 'shared-ext' } })).body.id;
  foreign.ticket = (await env.request('POST', '/api/tickets', { token: b.token, body: { title: 'B ticket', customer_id: foreign.customer, auto_assign: false } })).body.id;
  await env.request('POST', `/api/tickets/${foreign.ticket}/conversations`, { token: b.token, body: { message: 'B secret' } });
  await env.request('POST', '/api/channels', { token: b.token, body: { name: 'B channel' } });
});
afterAll(() => env.close());

const byA = (method: string, path: string, body?: unknown) => env.request(method, path, { token: a.token, ...(body === undefined ? {} : { body }) });

describe('tenant isolation', () => {
  it('answers every endpoint with a foreign id exactly like a missing id', async () => {
    const calls: ReadonlyArray<[string, (id: string) => string, unknown, keyof typeof foreign]> = [
      ['GET', (id) => `/api/users/${id}`, undefined, 'user'],
      ['PATCH', (id) => `/api/users/${id}`, { name: 'Hijack' }, 'user'],
      ['GET', (id) => `/api/customers/${id}`, undefined, 'customer'],
      ['GET', (id) => `/api/tickets/${id}`, undefined, 'ticket'],
      ['PATCH', (id) => `/api/tickets/${id}/status`, { status: 'closed' }, 'ticket'],
      ['PATCH', (id) => `/api/tickets/${id}/assign`, { agent_id: null }, 'ticket'],
      ['GET', (id) => `/api/tickets/${id}/conversations`, undefined, 'ticket'],
      ['POST', (id) => `/api/tickets/${id}/conversations`, { message: 'hi' }, 'ticket'],
    ];
    for (const [method, path, body, kind] of calls) {
      const viaForeign = await byA(method, path(foreign[kind]), body);
      const viaMissing = await byA(method, path(missing), body);
      expect(viaForeign.status, `${method} ${path('{id}')}`).toBe(404);
      expect(viaForeign.body).toEqual(viaMissing.body);
    }
    const ticket = await env.request('GET', `/api/tickets/${foreign.ticket}`, { token: b.token });
    expect(ticket.body).toMatchObject({ status: 'open', assigned_agent_id: null });
    expect((await env.request('GET', `/api/users/${foreign.user}`, { token: b.token })).body.name).not.toBe('Hijack');
  });

  it('refuses foreign references in bodies like unknown ones', async () => {
    const customerA = (await byA('POST', '/api/customers', { name: 'A cust', external_id: 'shared-ext' })).body;
    expect(customerA.id).toEqual(expect.any(String));
    const viaForeign = await byA('POST', '/api/tickets', { title: 't', customer_id: foreign.customer });
    const viaMissing = await byA('POST', '/api/tickets', { title: 't', customer_id: missing });
    expect(viaForeign.status).toBe(422);
    expect(viaForeign.body).toEqual(viaMissing.body);
    const ticketA = (await byA('POST', '/api/tickets', { title: 't', customer_id: customerA.id, auto_assign: false })).body;
    const assignForeign = await byA('PATCH', `/api/tickets/${ticketA.id}/assign`, { agent_id: foreign.agent });
    const assignMissing = await byA('PATCH', `/api/tickets/${ticketA.id}/assign`, { agent_id: missing });
    expect(assignForeign.status).toBe(422);
    expect(assignForeign.body).toEqual(assignMissing.body);
  });

  it('shows no foreign row in any list', async () => {
    const lists = ['/api/users', '/api/customers', '/api/tickets', '/api/channels', '/api/allocation/queue', '/api/allocation/agents'];
    for (const path of lists) {
      const res = await byA('GET', `${path}?limit=100`);
      expect(res.status, path).toBe(200);
      const text = JSON.stringify(res.body);
      for (const id of Object.values(foreign)) expect(text, path).not.toContain(id);
      expect(text).not.toContain('B channel');
      for (const row of res.body.data) if ('tenant_id' in row) expect(row.tenant_id).toBe(a.tenantId);
    }
    expect((await byA('GET', `/api/tickets?customer_id=${foreign.customer}`)).body.data).toEqual([]);
  });

  it("refuses another tenant's cursor", async () => {
    await env.request('POST', '/api/customers', { token: b.token, body: { name: 'B2' } });
    const page = await env.request('GET', '/api/customers?limit=1', { token: b.token });
    expect(page.body.next_cursor).toEqual(expect.any(String));
    const res = await byA('GET', `/api/customers?limit=1&cursor=${encodeURIComponent(page.body.next_cursor)}`);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_failed');
  });
});
