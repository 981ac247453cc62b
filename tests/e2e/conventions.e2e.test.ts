import { request, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpApp, type HttpTestEnv, type Staff } from '../support/http-app.ts';

let env: HttpTestEnv;
let admin: Staff;

beforeAll(async () => {
  env = await startHttpApp();
  admin = (await env.tenant()).admin;
});
afterAll(() => env.close());

const send = (body: string | Buffer, contentType?: string) =>
  env.request('POST', '/api/customers', { token: admin.token, raw: body, headers: contentType === undefined ? {} : { 'content-type': contentType } });

describe('request bodies', () => {
  it('answers 415 to a body without a JSON content type, forms included', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', undefined]) {
      const res = await send('name=x', type);
      expect(res.status).toBe(415);
      expect(res.body.error.code).toBe('unsupported_media_type');
    }
  });

  it('accepts a charset parameter', async () => {
    const res = await send(JSON.stringify({ name: 'Ann' }), 'application/json; charset=utf-8');
    expect(res.status).toBe(201);
  });

  it('answers 413 to a body over 1 MiB', async () => {
    const res = await send(JSON.stringify({ name: 'x'.repeat(1024 * 1024) }), 'application/json');
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('answers 400 to malformed JSON', async () => {
    const res = await send('{"name": ', 'application/json');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('malformed_json');
  });

  it('answers 422 to JSON that is not an object, and to a missing body', async () => {
    for (const raw of ['[]', '"x"', '42', 'null', '']) {
      const res = await send(raw, 'application/json');
      expect(res.status, raw).toBe(422);
      expect(res.body.error.code).toBe('validation_failed');
    }
  });

  it('refuses __proto__ and constructor keys', async () => {
    for (const raw of ['{"name":"a","__proto__":{"admin":true}}', '{"name":"a","constructor":{"prototype":{}}}']) {
      const res = await send(raw, 'application/json');
      expect(res.status).toBe(422);
    }
  });

  it('lists every failing field with its path', async () => {
    const res = await env.request('POST', '/api/users', { token: admin.token, body: { email: 'nope', password: 'short', role: 'boss' } });
    expect(res.status).toBe(422);
    const paths = res.body.error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['email', 'name', 'password', 'role']);
  });
});

describe('routing', () => {
  it('answers 405 with Allow before authentication', async () => {
    const res = await env.request('DELETE', '/api/tickets');
    expect(res.status).toBe(405);
    expect(res.body.error.code).toBe('method_not_allowed');
    expect(res.headers.get('allow')).toContain('GET');
    expect(res.headers.get('allow')).toContain('POST');
  });

  it('answers 404 not_found to an unknown path', async () => {
    const res = await env.request('GET', '/api/nothing-here', { token: admin.token });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('answers 401 before 422 and before 404', async () => {
    expect((await env.request('POST', '/api/tickets', { body: {} })).status).toBe(401);
    expect((await env.request('GET', '/api/tickets/unknown')).status).toBe(401);
  });
});

describe('operations', () => {
  it('echoes a sane X-Request-Id and generates one otherwise', async () => {
    const given = await env.request('GET', '/healthz', { headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers.get('x-request-id')).toBe('abc-123');
    const generated = await env.request('GET', '/healthz', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs one JSON line per request with id, method, path, status and duration, never the token', async () => {
    await env.request('GET', '/api/me', { token: admin.token, headers: { 'x-request-id': 'log-check-1' } });
    const line = env.logs.map((l) => JSON.parse(l)).find((l) => l.requestId === 'log-check-1' && l.msg === 'request');
    expect(line).toMatchObject({ method: 'GET', path: '/api/me', status: 200 });
    expect(typeof line.durationMs).toBe('number');
    expect(env.logs.join('')).not.toContain(admin.token);
    expect(env.logs.join('')).not.toContain(admin.password);
  });

  it('is live and ready, and not ready once shutting down', async () => {
    expect((await env.request('GET', '/healthz')).status).toBe(200);
    expect((await env.request('GET', '/readyz')).status).toBe(200);
    const other = await startHttpApp();
    other.app.beginShutdown();
    const res = await other.request('GET', '/readyz');
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('unavailable');
    await other.close();
  });

  it('serves an OpenAPI 3.1 document with every route and the request schemas', async () => {
    const res = await env.request('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/login', '/api/tickets/{id}/status', '/api/channel/webhook', '/api/v1/settings/max_customers']));
    const create = res.body.paths['/api/tickets'].post.requestBody.content['application/json'].schema;
    expect(create.properties.title).toMatchObject({ minLength: 1, maxLength: 200 });
    expect(create.required).toContain('customer_id');
    expect(res.body.components.schemas.Ticket.properties.status.enum).toEqual(['open', 'in_progress', 'resolved', 'closed']);
  });

  it('documents raw-body routes, their headers and token, paging, 405 and the probes', async () => {
    const { paths, components } = (await env.request('GET', '/api/openapi.json')).body;
    const param = (op: { parameters?: Array<{ name: string; in: string }> }, name: string) => op.parameters?.find((p) => p.name === name);
    const webhook = paths['/api/channel/webhook'].post;
    expect(webhook.requestBody.content['application/json'].schema.required).toEqual(['customer_external_id', 'message']);
    expect(param(webhook, 'X-Channel-Key')).toMatchObject({ in: 'header', required: true });
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) expect(param(webhook, name), name).toMatchObject({ in: 'header', required: true });
    expect(param(webhook, 'X-Signature')).toBeUndefined();
    expect(webhook.responses).not.toHaveProperty('413');
    const markAsResolved = paths['/api/v1/settings/set_mark_as_resolved'].post.requestBody;
    expect(markAsResolved.required).toBe(false);
    expect(Object.keys(markAsResolved.content['application/json'].schema.properties)).toEqual(['url', 'enabled']);
    for (const path of ['/api/v1/webhook/agent_allocation', '/api/v1/webhook/mark_as_resolved']) {
      const op = paths[path].post;
      expect(param(op, 'token'), path).toMatchObject({ in: 'query', required: true, schema: { type: 'string' } });
      expect(op.requestBody.content['application/json'].schema.properties).toHaveProperty('app_id');
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '413', '415', '422']));
    }
    const list = paths['/api/tickets'].get;
    expect(param(list, 'limit')).toMatchObject({ in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } });
    expect(param(list, 'cursor')).toMatchObject({ in: 'query', required: false, description: expect.stringContaining('next_cursor'), schema: { type: 'string' } });
    expect(param(paths['/api/users'].get, 'active')).toMatchObject({ schema: { enum: ['true', 'false'] } });
    expect(paths['/api/tickets'].post.responses['405']).toEqual({ $ref: '#/components/responses/MethodNotAllowed' });
    expect(components.responses.MethodNotAllowed.headers).toHaveProperty('Allow');
    expect(Object.keys(paths['/healthz'].get.responses)).toContain('200');
    expect(Object.keys(paths['/readyz'].get.responses)).toEqual(expect.arrayContaining(['200', '503']));
  });

  it('serves the reference page and its assets locally', async () => {
    const page = await env.request('GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.body).toContain('/docs/assets/swagger-ui-bundle.js');
    expect(page.body).not.toMatch(/https?:\/\/(?!127)/);
    const bundle = await fetch(`${env.baseUrl}/docs/assets/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
  });
});

const MiB = 1024 * 1024;

describe('a chunked body over 1 MiB (finding 12)', () => {
  it('is answered 413 at the limit and the connection closed, though the sender never ends it', async () => {
    const req = request(new URL('/api/customers', env.baseUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    });
    // The server closing while we still send (EPIPE) is the point; the answer must have come first.
    const answered = new Promise<IncomingMessage>((resolve, reject) => {
      req.on('response', resolve);
      req.on('error', (error) => setTimeout(() => reject(error), 1000));
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    let sending = true;
    const pump = () => {
      while (sending && req.write(chunk)) sent += chunk.length;
      sent += chunk.length;
    };
    req.on('drain', pump);
    req.write('{"name":"');
    pump();
    const res = await answered;
    const sentWhenAnswered = sent;
    sending = false;
    const closed = new Promise((resolve) => res.socket.on('close', resolve));
    let body = '';
    res.on('data', (part) => (body += String(part)));
    await closed;
    expect(res.statusCode).toBe(413);
    expect(res.headers.connection).toBe('close');
    expect(JSON.parse(body).error.code).toBe('payload_too_large');
    // Answered right past the limit, not after reading on (sockets buffer a few MiB at most).
    expect(sentWhenAnswered).toBeLessThan(8 * MiB);
  });
});
