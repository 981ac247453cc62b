import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStore } from '../e2e-stores/sqlite-store.ts';
import { startHttpApp, type HttpTestEnv, type Staff } from '../support/http-app.ts';

// Cases the OpenAPI fuzz suite found, each kept as a named test on the store where it showed.
let env: HttpTestEnv;
let admin: Staff;
beforeAll(async () => {
  env = await startHttpApp({ makeStore });
  admin = (await env.tenant()).admin;
});
afterAll(() => env.close());

const post = (path: string, raw: string) => env.request('POST', path, { token: admin.token, raw, headers: { 'content-type': 'application/json' } });

describe('fuzz regressions', () => {
  it('refuses a lone surrogate in a body (422): it could not be stored as sent, and SQLite read it back as U+FFFD', async () => {
    for (const raw of ['{"name":"\\ud800"}', '{"name":"a\\udfff"}', '{"name":"\\udc00\\ud800"}', '{"name":"Budi","phone":"\\ud83d"}']) {
      const res = await post('/api/customers', raw);
      expect(res.status, raw).toBe(422);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details[0].path).toBe(raw.includes('phone') ? 'phone' : 'name');
    }
    expect((await post('/api/customers', '{"name":"Budi","\\ud800":1}')).status).toBe(422);
    const list = await env.request('GET', '/api/customers', { token: admin.token });
    expect(list.body.data).toEqual([]);
  });

  it('still stores paired surrogates (4-byte characters) exactly as sent', async () => {
    const created = await post('/api/customers', '{"name":"\\ud83d\\ude00 Sari 👋"}');
    expect(created.status).toBe(201);
    expect(created.body.name).toBe('😀 Sari 👋');
    const again = await env.request('GET', `/api/customers/${created.body.id}`, { token: admin.token });
    expect(again.body).toEqual(created.body);
  });
});
