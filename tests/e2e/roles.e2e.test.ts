import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpApp, type HttpTestEnv, type Staff } from '../support/http-app.ts';

let env: HttpTestEnv;
let admin: Staff;
let agent: Staff;
let ticketId: string;

beforeAll(async () => {
  env = await startHttpApp();
  admin = (await env.tenant()).admin;
  agent = await env.staff(admin, 'agent');
  const customer = await env.request('POST', '/api/customers', { token: admin.token, body: { name: 'Cu' } });
  const ticket = await env.request('POST', '/api/tickets', { token: admin.token, body: { title: 'T', customer_id: customer.body.id, auto_assign: false } });
  ticketId = ticket.body.id;
});
afterAll(() => env.close());

// Written from API.md's role table, independently of the route definitions.
const adminOnly = (): ReadonlyArray<[string, string, unknown]> => [
  ['POST', '/api/users', { email: 'x@y.z', name: 'X', password: 'password-1', role: 'agent' }],
  ['PATCH', `/api/users/${agent.id}`, { name: 'New' }],
  ['POST', '/api/tickets', { title: 'T', customer_id: 'c' }],
  ['PATCH', `/api/tickets/${ticketId}/assign`, { agent_id: null }],
  ['GET', '/api/settings', undefined],
  ['PATCH', '/api/settings', { auto_assign: false }],
  ['GET', '/api/v1/settings/max_customers', undefined],
  ['POST', '/api/v1/settings/max_customers', { max_customers: 3 }],
  ['POST', '/api/channels', { name: 'C' }],
  ['GET', '/api/channels', undefined],
  ['GET', '/api/allocation/queue', undefined],
  ['GET', '/api/allocation/agents', undefined],
];

describe('the role table', () => {
  it('answers 403 to an agent on every admin route, with a valid body, an invalid body or none', async () => {
    for (const [method, path, body] of adminOnly()) {
      for (const variant of method === 'GET' ? [undefined] : [body, { bogus: true }, undefined]) {
        const res = await env.request(method, path, { token: agent.token, ...(variant === undefined ? {} : { body: variant }) });
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body.error.code).toBe('forbidden');
      }
    }
  });

  it('lets an admin use the same routes', async () => {
    for (const [method, path, body] of adminOnly()) {
      const res = await env.request(method, path, { token: admin.token, ...(body === undefined ? {} : { body }) });
      expect([200, 201, 422], `${method} ${path}`).toContain(res.status);
    }
  });

  it('lets an agent read tickets, customers, users and messages, create customers and post messages', async () => {
    const reads = ['/api/tickets', `/api/tickets/${ticketId}`, '/api/customers', '/api/users', `/api/users/${admin.id}`, `/api/tickets/${ticketId}/conversations`, '/api/me'];
    for (const path of reads) expect((await env.request('GET', path, { token: agent.token })).status, path).toBe(200);
    expect((await env.request('POST', '/api/customers', { token: agent.token, body: { name: 'By agent' } })).status).toBe(201);
    const msg = await env.request('POST', `/api/tickets/${ticketId}/conversations`, { token: agent.token, body: { message: 'hi' } });
    expect(msg.status).toBe(201);
    expect(msg.body).toMatchObject({ sender_type: 'agent', sender_id: agent.id });
  });

  it('lets an agent change the status only of tickets assigned to them, 404 before 403', async () => {
    expect((await env.request('PATCH', `/api/tickets/${ticketId}/status`, { token: agent.token, body: { status: 'in_progress' } })).status).toBe(403);
    expect((await env.request('PATCH', '/api/tickets/01900000-0000-7000-8000-000000000000/status', { token: agent.token, body: { status: 'in_progress' } })).status).toBe(404);
    await env.request('PATCH', `/api/tickets/${ticketId}/assign`, { token: admin.token, body: { agent_id: agent.id } });
    const res = await env.request('PATCH', `/api/tickets/${ticketId}/status`, { token: agent.token, body: { status: 'in_progress' } });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('in_progress');
  });
});
