import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpApp, type HttpTestEnv } from '../support/http-app.ts';
import { parseExposition } from '../support/prometheus-text.ts';

const token = randomBytes(24).toString('base64url');

describe('GET /metrics (API.md Operations)', () => {
  let env: HttpTestEnv;
  let off: HttpTestEnv;
  const scrape = (bearer?: string) => env.request('GET', '/metrics', bearer === undefined ? {} : { headers: { authorization: `Bearer ${bearer}` } });
  const metrics = async () => {
    const res = await scrape(token);
    expect(res.status).toBe(200);
    return parseExposition(res.body as string);
  };

  beforeAll(async () => {
    env = await startHttpApp({ env: { METRICS_TOKEN: token } });
    off = await startHttpApp();
  });
  afterAll(async () => {
    await env.close();
    await off.close();
  });

  it('is 404 not_found without METRICS_TOKEN, whatever is sent', async () => {
    const res = await off.request('GET', '/metrics', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('is 404 not_found without the token, with a wrong one, or with another scheme', async () => {
    for (const authorization of [undefined, `Bearer ${token}x`, `Bearer ${token.slice(1)}`, `Basic ${token}`, 'Bearer ']) {
      const res = await env.request('GET', '/metrics', authorization === undefined ? {} : { headers: { authorization } });
      expect({ authorization, status: res.status }).toEqual({ authorization, status: 404 });
      expect(res.body.error.code).toBe('not_found');
    }
  });

  it('answers the Prometheus text format with the token, Node process metrics included', async () => {
    const res = await scrape(token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const parsed = parseExposition(res.body as string);
    expect(parsed.types.get('http_request_duration_seconds')).toBe('histogram');
    expect(parsed.types.get('process_cpu_seconds_total')).toBe('counter');
    expect(parsed.value('process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(parsed.value('nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('times requests by route template and status class, never by raw path', async () => {
    const { admin } = await env.tenant();
    const route = { method: 'GET', route: '/api/tickets/:id', status_class: '4xx' };
    const before = (await metrics()).value('http_request_duration_seconds_count', route) ?? 0;
    const ids = ['0190a3c4-0000-7000-8000-000000000001', '0190a3c4-0000-7000-8000-000000000002', '0190a3c4-0000-7000-8000-000000000003'];
    for (const id of ids) expect((await env.request('GET', `/api/tickets/${id}`, { token: admin.token })).status).toBe(404);
    expect((await env.request('GET', '/no/such/path/12345')).status).toBe(404);
    const after = await metrics();
    expect(after.value('http_request_duration_seconds_count', route)).toBe(before + 3);
    expect(after.value('http_request_duration_seconds_bucket', { ...route, le: '+Inf' })).toBe(before + 3);
    expect(after.value('http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status_class: '4xx' })).toBeGreaterThanOrEqual(1);
    expect(after.value('http_request_duration_seconds_count', { method: 'POST', route: '/api/login', status_class: '2xx' })).toBeGreaterThanOrEqual(1);
    const routes = new Set(after.all('http_request_duration_seconds_count').map((s) => s.labels.route));
    for (const id of ids) expect([...routes].some((r) => r?.includes(id))).toBe(false);
    expect([...routes].some((r) => r?.includes('12345'))).toBe(false);
  });

  it('never writes the token to the logs', async () => {
    await scrape(token);
    await scrape(`${token}-wrong`);
    expect(env.logs.join('\n')).not.toContain(token);
  });

  it('is documented in the OpenAPI document as an operations endpoint with its own bearer token', async () => {
    const doc = (await env.request('GET', '/api/openapi.json')).body;
    const op = doc.paths['/metrics'].get;
    expect(op.tags).toEqual(['Operations']);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '404']));
    expect(op.security).toEqual([{ metricsToken: [] }]);
    expect(doc.components.securitySchemes.metricsToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});
