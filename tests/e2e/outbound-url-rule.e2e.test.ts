import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpApp, type HttpTestEnv, type Staff } from '../support/http-app.ts';

// The rule as deployed: no OUTBOUND_ALLOW_PRIVATE_NETWORKS.
let env: HttpTestEnv;
let admin: Staff;

beforeAll(async () => {
  env = await startHttpApp({ env: { OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'false' } });
  admin = (await env.tenant()).admin;
});
afterAll(() => env.close());

const inward = [
  'http://169.254.169.254/latest/meta-data/',
  'http://127.0.0.1:8080',
  'http://[::1]:8080',
  'http://10.1.2.3',
  'http://localhost:3000',
  'http://[::ffff:127.0.0.1]',
  'http://[64:ff9b::a9fe:a9fe]',
];

describe('the outbound URL rule on the Qiscus base_url', () => {
  it.each(inward)('PUT /api/integrations/qiscus refuses base_url %s with 422 and stores nothing', async (baseUrl) => {
    const res = await env.request('PUT', '/api/integrations/qiscus', { token: admin.token, body: { app_code: 'app', secret_key: 'sk', base_url: baseUrl } });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'validation_failed', details: [{ path: 'base_url' }] });
    expect((await env.request('GET', '/api/integrations/qiscus', { token: admin.token })).status).toBe(404);
  });

  it('refuses schemes other than http and https', async () => {
    const res = await env.request('PUT', '/api/integrations/qiscus', { token: admin.token, body: { app_code: 'a', secret_key: 's', base_url: 'file:///etc/passwd' } });
    expect(res.status).toBe(422);
  });
});
