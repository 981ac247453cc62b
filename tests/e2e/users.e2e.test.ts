import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpApp, uniqueEmail, type HttpTestEnv, type Staff } from '../support/http-app.ts';

let env: HttpTestEnv;
let admin: Staff;

beforeAll(async () => {
  env = await startHttpApp();
  admin = (await env.tenant()).admin;
});
afterAll(() => env.close());

describe('users', () => {
  it('creates a user: active, offline, tenant default capacity; never from client-given ids', async () => {
    const email = uniqueEmail('new');
    const res = await env.request('POST', '/api/users', {
      token: admin.token,
      body: { email, name: 'New 🙂', password: 'pässwörd-😀', role: 'agent', id: 'mine', tenant_id: 'other', active: false },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email, name: 'New 🙂', role: 'agent', active: true, availability: 'offline', max_customers: null, can_login: true, tenant_id: admin.tenantId });
    expect(res.body.id).not.toBe('mine');
    expect(res.body).not.toHaveProperty('password');
    expect(res.body).not.toHaveProperty('password_hash');
  });

  it('answers 409 conflict with email_taken for a taken email, case-insensitively', async () => {
    const res = await env.request('POST', '/api/users', { token: admin.token, body: { email: admin.email.toUpperCase(), name: 'Dup', password: 'password-1', role: 'agent' } });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'conflict', details: [{ path: 'email', message: 'email_taken' }] });
  });

  it('validates password length in code points (8..128)', async () => {
    const ok = await env.request('POST', '/api/users', { token: admin.token, body: { email: uniqueEmail(), name: 'E', password: '😀'.repeat(8), role: 'agent' } });
    expect(ok.status).toBe(201);
    const short = await env.request('POST', '/api/users', { token: admin.token, body: { email: uniqueEmail(), name: 'E', password: '😀'.repeat(7), role: 'agent' } });
    expect(short.status).toBe(422);
    const long = await env.request('POST', '/api/users', { token: admin.token, body: { email: uniqueEmail(), name: 'E', password: 'a'.repeat(129), role: 'agent' } });
    expect(long.status).toBe(422);
  });

  it('updates name, role and capacity; validates max_customers 0..1000 or null', async () => {
    const agent = await env.staff(admin, 'agent');
    const res = await env.request('PATCH', `/api/users/${agent.id}`, { token: admin.token, body: { name: 'Renamed', max_customers: 0 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Renamed', max_customers: 0 });
    expect((await env.request('PATCH', `/api/users/${agent.id}`, { token: admin.token, body: { max_customers: null } })).body.max_customers).toBeNull();
    for (const bad of [-1, 1001, 1.5, '3']) {
      expect((await env.request('PATCH', `/api/users/${agent.id}`, { token: admin.token, body: { max_customers: bad } })).status).toBe(422);
    }
    expect((await env.request('PATCH', '/api/users/unknown-id', { token: admin.token, body: { name: 'X' } })).status).toBe(404);
  });

  it('lists users with role and active filters and reads one', async () => {
    const agent = await env.staff(admin, 'agent');
    const agents = await env.request('GET', '/api/users?role=agent&active=true&limit=100', { token: admin.token });
    expect(agents.status).toBe(200);
    expect(agents.body.data.every((u: { role: string }) => u.role === 'agent')).toBe(true);
    expect(agents.body.data.map((u: { id: string }) => u.id)).toContain(agent.id);
    expect((await env.request('GET', '/api/users?active=maybe', { token: admin.token })).status).toBe(422);
    const one = await env.request('GET', `/api/users/${agent.id}`, { token: admin.token });
    expect(one.body.email).toBe(agent.email);
    expect((await env.request('GET', '/api/me', { token: agent.token })).body.id).toBe(agent.id);
  });
});
