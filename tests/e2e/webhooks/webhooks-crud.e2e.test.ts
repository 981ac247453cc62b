import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpApp, type HttpTestEnv, type Staff } from '../../support/http-app.ts';

let env: HttpTestEnv;
let admin: Staff;
let agent: Staff;
let other: Staff;

beforeAll(async () => {
  env = await startHttpApp();
  admin = (await env.tenant()).admin;
  agent = await env.staff(admin, 'agent');
  other = (await env.tenant()).admin;
});
afterAll(() => env.close());

const hook = { url: 'https://93.184.215.14/switchboard', events: ['ticket.created', 'message.created'], description: 'CRM' };
/** Every route that names one webhook. */
const routesOf = (id: string): Array<[string, string, unknown?]> => [
  ['GET', `/api/webhooks/${id}`],
  ['PATCH', `/api/webhooks/${id}`, { active: false }],
  ['DELETE', `/api/webhooks/${id}`],
  ['POST', `/api/webhooks/${id}/rotate-secret`],
  ['GET', `/api/webhooks/${id}/deliveries`],
  ['POST', `/api/webhooks/${id}/deliveries/x/redeliver`],
];

const create = (token: string, body: unknown = hook) => env.request('POST', '/api/webhooks', { token, body });

describe('webhook subscriptions (API.md, Outbound webhooks)', () => {
  it('creates one, showing its whsec_ secret (base64 of 32 bytes) only at creation', async () => {
    const res = await create(admin.token);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ url: hook.url, events: hook.events, description: 'CRM', active: true });
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(res.body.secret.slice(6), 'base64')).toHaveLength(32);
    expect(new Date(res.body.created_at).toISOString()).toBe(res.body.created_at);
    const read = await env.request('GET', `/api/webhooks/${res.body.id}`, { token: admin.token });
    expect(read.status).toBe(200);
    expect(read.body).not.toHaveProperty('secret');
    const list = await env.request('GET', '/api/webhooks', { token: admin.token });
    expect(list.body.data.map((w: { id: string }) => w.id)).toContain(res.body.id);
    expect(JSON.stringify(list.body)).not.toContain(res.body.secret);
  });

  it('takes ["*"] for every event, and a description is optional', async () => {
    const res = await create(admin.token, { url: hook.url, events: ['*'] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ events: ['*'], description: null });
  });

  it.each([
    [{ url: hook.url, events: [] }, 'events'],
    [{ url: hook.url, events: ['ticket.deleted'] }, 'events.0'],
    [{ url: hook.url }, 'events'],
    [{ events: ['*'] }, 'url'],
    [{ url: 'ftp://hooks.example.com/x', events: ['*'] }, 'url'],
    [{ url: 'not a url', events: ['*'] }, 'url'],
    [{ url: 'https://user:pw@hooks.example.com/', events: ['*'] }, 'url'],
  ])('refuses %j with 422 on %s', async (body, path) => {
    const res = await create(admin.token, body);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('changes url, events, description and active with PATCH', async () => {
    const { body } = await create(admin.token);
    const res = await env.request('PATCH', `/api/webhooks/${body.id}`, {
      token: admin.token,
      body: { url: 'https://93.184.215.15/in', events: ['*'], description: null, active: false },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: body.id, url: 'https://93.184.215.15/in', events: ['*'], description: null, active: false });
    expect((await env.request('PATCH', `/api/webhooks/${body.id}`, { token: admin.token, body: {} })).status).toBe(422);
    expect((await env.request('PATCH', `/api/webhooks/${body.id}`, { token: admin.token, body: { url: 'gopher://x' } })).status).toBe(422);
  });

  it('rotates the secret: a new one, shown once', async () => {
    const { body } = await create(admin.token);
    const res = await env.request('POST', `/api/webhooks/${body.id}/rotate-secret`, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(res.body.secret).not.toBe(body.secret);
  });

  it('deletes one (204); then it is gone', async () => {
    const { body } = await create(admin.token);
    expect((await env.request('DELETE', `/api/webhooks/${body.id}`, { token: admin.token })).status).toBe(204);
    expect((await env.request('GET', `/api/webhooks/${body.id}`, { token: admin.token })).status).toBe(404);
    expect((await env.request('DELETE', `/api/webhooks/${body.id}`, { token: admin.token })).status).toBe(404);
  });

  it('answers 403 to an agent on every webhook route', async () => {
    const { body } = await create(admin.token);
    const routes: Array<[string, string, unknown?]> = [['POST', '/api/webhooks', hook], ['GET', '/api/webhooks'], ...routesOf(body.id)];
    for (const [method, path, payload] of routes) {
      const res = await env.request(method, path, { token: agent.token, ...(payload === undefined ? {} : { body: payload }) });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
  });

  it("answers another tenant's webhook ids exactly like missing ones", async () => {
    const { body } = await create(admin.token);
    for (const [method, path, payload] of routesOf(body.id)) {
      const foreign = await env.request(method, path, { token: other.token, ...(payload === undefined ? {} : { body: payload }) });
      const missing = await env.request(method, path.replace(body.id, 'no-such-id'), { token: other.token, ...(payload === undefined ? {} : { body: payload }) });
      expect(foreign.status, `${method} ${path}`).toBe(404);
      expect(foreign.body).toEqual(missing.body);
    }
    const list = await env.request('GET', '/api/webhooks', { token: other.token });
    expect(list.body.data.map((w: { id: string }) => w.id)).not.toContain(body.id);
    expect((await env.request('GET', `/api/webhooks/${body.id}`, { token: admin.token })).body.active).toBe(true);
  });

  it('pages the list with cursors', async () => {
    const tenant = (await env.tenant()).admin;
    for (let i = 0; i < 3; i++) await create(tenant.token);
    const first = await env.request('GET', '/api/webhooks?limit=2', { token: tenant.token });
    expect(first.body.data).toHaveLength(2);
    const second = await env.request('GET', `/api/webhooks?limit=2&cursor=${encodeURIComponent(first.body.next_cursor)}`, { token: tenant.token });
    expect(second.body.data).toHaveLength(1);
    expect(second.body.next_cursor).toBeNull();
  });
});

describe('the outbound URL rule on webhook URLs (OUTBOUND_ALLOW_PRIVATE_NETWORKS off)', () => {
  let strict: HttpTestEnv;
  let strictAdmin: Staff;
  beforeAll(async () => {
    strict = await startHttpApp({ env: { OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'false' } });
    strictAdmin = (await strict.tenant()).admin;
  });
  afterAll(() => strict.close());

  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://127.0.0.1:8080/hook',
    'http://[::1]:8080/hook',
    'http://10.0.0.1/hook',
    'http://localhost:3000/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://100.64.0.1/hook',
    'http://224.0.0.1/hook',
  ])('refuses %s with 422 at creation and at PATCH', async (url) => {
    const res = await strict.request('POST', '/api/webhooks', { token: strictAdmin.token, body: { url, events: ['*'] } });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([{ path: 'url', message: expect.stringContaining('non-public') }]);
    const ok = await strict.request('POST', '/api/webhooks', { token: strictAdmin.token, body: { url: 'https://93.184.215.14/hook', events: ['*'] } });
    expect(ok.status).toBe(201);
    const patch = await strict.request('PATCH', `/api/webhooks/${ok.body.id}`, { token: strictAdmin.token, body: { url } });
    expect(patch.status).toBe(422);
    expect((await strict.request('GET', `/api/webhooks/${ok.body.id}`, { token: strictAdmin.token })).body.url).toBe('https://93.184.215.14/hook');
  });
});
