import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpApp, type HttpTestEnv, type Staff } from '../support/http-app.ts';

// API.md "Reports", figure by figure, at the app's clock: which tickets each figure covers, queue waits
// (queued → assigned, 0 at once, never-queued manual assignments left out), first responses counted for
// whoever sent them, the SLA counts, which agents are listed, and Jain's index relative to capacity.
let env: HttpTestEnv;
let admin: Staff;
let ms = Math.ceil(Date.now() / 60_000) * 60_000;
const clock = { now: () => new Date(ms) };
const minute = 60_000;
const staff: Staff[] = [];
/** Moves the app's clock; tokens are verified at it, so the staff log in again. */
const advance = async (minutes: number) => {
  ms += minutes * minute;
  for (const s of [admin, ...staff]) (s as { token: string }).token = (await env.login(s.email, s.password)).body.access_token;
};

beforeAll(async () => {
  env = await startHttpApp({ clock });
  admin = (await env.tenant()).admin;
});
afterAll(() => env.close());

describe('GET /api/reports/support figures', () => {
  it('covers each figure’s tickets as API.md says', async () => {
    const [a, b, c, d] = [await env.staff(admin, 'agent'), await env.staff(admin, 'agent'), await env.staff(admin, 'agent'), await env.staff(admin, 'agent')];
    staff.push(a, b, c, d);
    const as = (s: Staff) => ({ token: s.token });
    await env.request('PATCH', '/api/settings', { token: admin.token, body: { sla: { high: { first_response_minutes: 30 } } } });
    await env.request('PATCH', `/api/users/${b.id}`, { token: admin.token, body: { max_customers: 4 } });
    await env.request('PATCH', `/api/users/${d.id}`, { token: admin.token, body: { max_customers: 0 } });
    expect((await env.request('PATCH', '/api/me/availability', { ...as(d), body: { availability: 'online' } })).status).toBe(200);
    const customerId = (await env.request('POST', '/api/customers', { token: admin.token, body: { name: 'Wayan' } })).body.id;
    const open = async (priority: string, autoAssign: boolean) =>
      (await env.request('POST', '/api/tickets', { token: admin.token, body: { title: 'Help', customer_id: customerId, priority, auto_assign: autoAssign } })).body.id as string;
    const assign = (id: string, agent: Staff) => env.request('PATCH', `/api/tickets/${id}/assign`, { token: admin.token, body: { agent_id: agent.id } });

    const t1 = await open('high', true); // queued, assigned after 10 minutes, answered by b, resolved
    const t2 = await open('medium', true); // still waiting
    const t3 = await open('medium', false); // never queued: its manual assignment has no queue wait
    const t4 = await open('medium', true); // queued and assigned at once: a wait of 0
    const t5 = await open('high', false); // never answered: breaches its first response
    expect((await assign(t4, b)).status).toBe(200);
    expect((await assign(t3, c)).status).toBe(200);
    await advance(10);
    expect((await assign(t1, a)).status).toBe(200);
    await advance(5);
    expect((await env.request('POST', `/api/tickets/${t1}/conversations`, { ...as(b), body: { message: 'Looking' } })).status).toBe(201);
    await advance(16);
    await env.sweepSla();
    await advance(29);
    expect((await env.request('PATCH', `/api/tickets/${t1}/status`, { token: admin.token, body: { status: 'resolved' } })).status).toBe(200);
    expect((await env.request('PATCH', `/api/users/${c.id}`, { token: admin.token, body: { active: false } })).status).toBe(200);

    const res = await env.request('GET', '/api/reports/support', { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      tickets_created: 5,
      tickets_resolved: 1,
      waiting_now: 1,
      wait_seconds: { p50: 0, p90: 600 },
      first_response_seconds: { p50: 900, p90: 900 },
      resolution_seconds: { p50: 3600, p90: 3600 },
      sla: { met: 1, breached: 1 },
    });
    const row = (s: Staff) => res.body.agents.find((x: { agent_id: string }) => x.agent_id === s.id);
    // Active agents are listed (d with nothing), the inactive c for what it did; the first response counts for b, who sent it.
    expect(res.body.agents).toHaveLength(4);
    expect(row(a)).toMatchObject({ assigned: 1, resolved: 1, first_response_seconds_p50: null, load_now: 0, capacity: 2 });
    expect(row(b)).toMatchObject({ assigned: 1, resolved: 0, first_response_seconds_p50: 900, load_now: 1, capacity: 4 });
    expect(row(c)).toMatchObject({ assigned: 1, resolved: 0, first_response_seconds_p50: null, capacity: 2 });
    expect(row(d)).toMatchObject({ assigned: 0, resolved: 0, capacity: 0 });
    // Jain over a 1/2, b 1/4, c 1/2 (d online but of capacity 0: left out): 1.25² / (3 · 0.5625).
    expect(res.body.fairness_index).toBeCloseTo((1.25 * 1.25) / (3 * 0.5625), 10);
    expect((await env.request('GET', '/api/allocation/queue', { token: admin.token })).body.data.map((t: { id: string }) => t.id)).toEqual([t2]);
    expect((await env.request('GET', `/api/tickets/${t5}`, { token: admin.token })).body.sla.breached).toEqual(['first_response']);
  });
});
