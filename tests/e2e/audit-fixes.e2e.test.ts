import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxJsonDepth } from '../../adapters/http-koa/json-body.ts';
import { startHttpApp, uniqueEmail, type HttpTestEnv, type Staff } from '../support/http-app.ts';

let env: HttpTestEnv;
let admin: Staff;

beforeAll(async () => {
  env = await startHttpApp();
  admin = (await env.tenant()).admin;
});
afterAll(() => env.close());

/** `{"a":{"a":…}}` `levels` deep, or `[[…]]`. */
const nested = (levels: number, kind: 'object' | 'array' = 'object'): string =>
  kind === 'object' ? '{"a":'.repeat(levels - 1) + '{}' + '}'.repeat(levels - 1) : '['.repeat(levels) + ']'.repeat(levels);

const post = (path: string, raw: string, o: { token?: string; type?: string } = {}) =>
  env.request('POST', path, { raw, ...(o.token === undefined ? {} : { token: o.token }), headers: { 'content-type': o.type ?? 'application/json' } });

describe('deeply nested JSON', () => {
  it('is refused 422 validation_failed (never 500) at any depth JSON.parse accepts', async () => {
    for (const levels of [maxJsonDepth + 1, 5_000, 20_000]) {
      for (const kind of ['object', 'array'] as const) {
        const res = await post('/api/login', `{"email":"x@y.z","password":"p","deep":${nested(levels, kind)}}`);
        expect(res.status, `${kind} ${levels}`).toBe(422);
        expect(res.body.error.code).toBe('validation_failed');
        expect(res.body.error.details[0].message).toContain(`${maxJsonDepth} levels`);
      }
    }
  });

  it('answers 401 before looking at the body on a staff route, and 422 with a token', async () => {
    expect((await post('/api/customers', nested(20_000))).status).toBe(401);
    expect((await post('/api/customers', nested(20_000), { token: admin.token })).status).toBe(422);
  });

  it(`accepts nesting up to ${maxJsonDepth} levels`, async () => {
    const res = await post('/api/customers', `{"name":"Deep","extra":${nested(maxJsonDepth - 1)}}`, { token: admin.token });
    expect(res.status).toBe(201);
  });

  it('still finds a forbidden key deep inside, with its path', async () => {
    const res = await post('/api/customers', '{"name":"x","a":[{"b":{"__proto__":{}}}]}', { token: admin.token });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([{ path: 'a.0.b.__proto__', message: 'this key is not allowed' }]);
  });
});

describe('media types', () => {
  it('accepts only application/json, with or without parameters', async () => {
    for (const type of ['application/vnd.api+json', 'application/merge-patch+json', 'text/json', 'application/jsonx', 'application/json-seq']) {
      const res = await post('/api/customers', '{"name":"Ann"}', { token: admin.token, type });
      expect(res.status, type).toBe(415);
      expect(res.body.error.code).toBe('unsupported_media_type');
    }
    for (const type of ['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset=UTF-8']) {
      expect((await post('/api/customers', '{"name":"Ann"}', { token: admin.token, type })).status, type).toBe(201);
    }
  });
});

describe('text with U+0000', () => {
  const text = "a\u0000b ' \\ \u0000😀";

  it('stores and returns it exactly: customer, ticket, message', async () => {
    const customer = await env.request('POST', '/api/customers', { token: admin.token, body: { name: text, external_id: `ext-${text}` } });
    expect(customer.status).toBe(201);
    expect(customer.body).toMatchObject({ name: text, external_id: `ext-${text}` });
    expect((await env.request('GET', `/api/customers/${customer.body.id}`, { token: admin.token })).body.name).toBe(text);
    const ticket = await env.request('POST', '/api/tickets', { token: admin.token, body: { title: text, description: text, customer_id: customer.body.id, auto_assign: false } });
    expect(ticket.status).toBe(201);
    expect((await env.request('GET', `/api/tickets/${ticket.body.id}`, { token: admin.token })).body).toMatchObject({ title: text, description: text });
    const message = await env.request('POST', `/api/tickets/${ticket.body.id}/conversations`, { token: admin.token, body: { message: text } });
    expect(message.status).toBe(201);
    const listed = await env.request('GET', `/api/tickets/${ticket.body.id}/conversations`, { token: admin.token });
    expect(listed.body.data.map((m: { message: string }) => m.message)).toEqual([text]);
  });

  it('works in a login email: the user is created, logs in, and an unknown one is 401', async () => {
    const email = `nul\u0000${uniqueEmail()}`;
    const created = await env.request('POST', '/api/users', { token: admin.token, body: { email, name: text, password: 'password-1', role: 'agent' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email, name: text });
    const login = await env.login(email.toUpperCase(), 'password-1');
    expect(login.status).toBe(200);
    expect(login.body.user.id).toBe(created.body.id);
    expect((await env.login(`ghost\u0000${uniqueEmail()}`, 'password-1')).status).toBe(401);
  });
});
