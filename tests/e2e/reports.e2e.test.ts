import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpApp, type HttpTestEnv, type Staff } from '../support/http-app.ts';

// API.md "Reports": GET /api/reports/support (admin only, at most 92 days, tenant-bound).
let env: HttpTestEnv;
let admin: Staff;
let agent: Staff;
let customerId: string;
const day = 86_400_000;

const report = (query = '', token = admin.token) => env.request('GET', `/api/reports/support${query}`, { token });

beforeAll(async () => {
  env = await startHttpApp();
  admin = (await env.tenant()).admin;
  agent = await env.staff(admin, 'agent');
  customerId = (await env.request('POST', '/api/customers', { token: admin.token, body: { name: 'Budi' } })).body.id;
});
afterAll(() => env.close());

describe('GET /api/reports/support', () => {
  it('reports the tenant’s tickets, responses, resolutions, assignments and fairness over the default week', async () => {
    await env.request('PATCH', `/api/users/${agent.id}`, { token: admin.token, body: { max_customers: 4 } });
    const tickets = [];
    for (let i = 0; i < 3; i++) {
      tickets.push((await env.request('POST', '/api/tickets', { token: admin.token, body: { title: `T${i}`, customer_id: customerId, auto_assign: false } })).body);
    }
    for (const t of tickets) await env.request('PATCH', `/api/tickets/${t.id}/assign`, { token: admin.token, body: { agent_id: agent.id } });
    await env.request('POST', `/api/tickets/${tickets[0].id}/conversations`, { token: agent.token, body: { message: 'Hello' } });
    await env.request('PATCH', `/api/tickets/${tickets[0].id}/status`, { token: agent.token, body: { status: 'resolved' } });
    const res = await report();
    expect(res.status).toBe(200);
    const body = res.body;
    expect(Date.parse(body.to) - Date.parse(body.from)).toBe(7 * day);
    expect(body).toMatchObject({ tickets_created: 3, tickets_resolved: 1, waiting_now: 0, sla: { met: 0, breached: 0 }, fairness_index: 1 });
    expect(body.wait_seconds).toEqual({ p50: null, p90: null }); // manual assignments of never-queued tickets are left out
    expect(body.first_response_seconds.p50).toBeGreaterThanOrEqual(0);
    expect(body.resolution_seconds.p90).toBeGreaterThanOrEqual(0);
    expect(body.agents).toEqual([
      { agent_id: agent.id, name: 'A agent', assigned: 3, resolved: 1, first_response_seconds_p50: body.first_response_seconds.p50, load_now: 2, capacity: 4 },
    ]);
  });

  it('never counts another tenant’s tickets', async () => {
    const other = (await env.tenant()).admin;
    expect((await report('', other.token)).body).toMatchObject({ tickets_created: 0, tickets_resolved: 0, fairness_index: null, agents: [] });
  });

  it('is admin only', async () => {
    const res = await report('', agent.token);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it.each([
    ['a period over 92 days', `?from=2026-01-01T00:00:00.000Z&to=2026-04-03T00:00:00.001Z`, 'to'],
    ['from after to', `?from=2026-02-02T00:00:00.000Z&to=2026-02-01T00:00:00.000Z`, 'from'],
    ['an instant that is not ISO-8601', `?from=yesterday`, 'from'],
    ['an instant without a zone', `?to=2026-02-01T00:00:00`, 'to'],
  ])('refuses %s with 422', async (_name, query, path) => {
    const res = await report(query);
    expect(res.status).toBe(422);
    expect(res.body.error.details[0].path).toBe(path);
  });

  it('takes exactly 92 days, both ends inclusive', async () => {
    const res = await report('?from=2026-01-01T00:00:00.000Z&to=2026-04-03T00:00:00.000Z');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: '2026-01-01T00:00:00.000Z', to: '2026-04-03T00:00:00.000Z', tickets_created: 0 });
  });
});
