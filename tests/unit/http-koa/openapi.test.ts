import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryStoreFactory, startHttpApp, type HttpTestEnv } from '../../support/http-app.ts';

const root = resolve(import.meta.dirname, '../../..');
// oxlint-disable-next-line no-explicit-any -- the document is walked as plain JSON
type Json = any;

let env: HttpTestEnv;
let doc: Json;

beforeAll(async () => {
  env = await startHttpApp({ makeStore: memoryStoreFactory, env: { PUBLIC_BASE_URL: 'https://support.example.test' } });
  doc = (await env.request('GET', '/api/openapi.json')).body;
});
afterAll(() => env.close());

const walk = (value: unknown, visit: (key: string, v: unknown) => void): void => {
  if (value === null || typeof value !== 'object') return;
  for (const [key, v] of Object.entries(value)) {
    visit(key, v);
    walk(v, visit);
  }
};

const pointer = (ref: string): unknown =>
  ref
    .slice(2)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<Json>((at, part) => (at === undefined ? undefined : at[part]), doc);

const errorsOf = (path: string, method: string): Record<string, string[]> =>
  Object.fromEntries(
    Object.entries(doc.paths[path][method].responses as Record<string, Json>)
      .filter(([status]) => Number(status) >= 400 && status !== '405')
      .map(([status, r]) => [status, r.content['application/json'].schema.allOf[1].properties.error.properties.code.enum]),
  );

describe('the served OpenAPI document', () => {
  it('has nothing Swagger UI cannot resolve: the default dialect, no $schema, only local refs that resolve', () => {
    expect(doc).not.toHaveProperty('jsonSchemaDialect');
    const refs: string[] = [];
    const schemaKeys: unknown[] = [];
    walk(doc, (key, v) => {
      if (key === '$ref') refs.push(v as string);
      if (key === '$schema') schemaKeys.push(v);
    });
    expect(schemaKeys).toEqual([]);
    expect(refs.length).toBeGreaterThan(50);
    expect(refs.filter((ref) => !ref.startsWith('#/') || pointer(ref) === undefined)).toEqual([]);
  });

  it('declares its server from PUBLIC_BASE_URL and its license', () => {
    expect(doc.servers).toEqual([{ url: 'https://support.example.test' }]);
    expect(doc.info.license).toEqual({ name: 'MIT', identifier: 'MIT' });
  });

  it('passes redocly lint with no error and no warning, offline', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      await writeFile(file, JSON.stringify(doc));
      const cli = join(root, 'node_modules/@redocly/cli/bin/cli.js');
      const { stdout } = await promisify(execFile)(process.execPath, [cli, 'lint', '--config', join(root, 'redocly.yaml'), '--format=json', file], {
        cwd: dir,
        timeout: 60_000,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      });
      const report = JSON.parse(stdout);
      expect(report.problems).toEqual([]);
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("documents each route's errors from its handler's error tags and the route's shape, through the error table", () => {
    expect(errorsOf('/api/tickets/{id}', 'get')).toEqual({
      401: ['unauthenticated'],
      403: ['forbidden'],
      404: ['not_found'],
      422: ['validation_failed'],
      500: ['internal_error'],
      503: ['unavailable'],
    });
    expect(errorsOf('/api/tickets/{id}/status', 'patch')).toMatchObject({ 400: ['malformed_json'], 409: ['invalid_transition'], 413: ['payload_too_large'], 415: ['unsupported_media_type'] });
    expect(errorsOf('/api/tickets/{id}/conversations', 'post')[409]).toEqual(['ticket_closed']);
    expect(errorsOf('/api/users', 'post')[409]).toEqual(['conflict']);
    expect(errorsOf('/api/tickets', 'post')).not.toHaveProperty('409');
    expect(Object.keys(errorsOf('/api/me', 'get'))).toEqual(['401', '404', '500', '503']);
  });

  it('names the codes, headers and statuses that only some routes answer', () => {
    const login = doc.paths['/api/login'].post.responses;
    expect(errorsOf('/api/login', 'post')[401]).toEqual(['invalid_credentials']);
    expect(login[429].headers).toHaveProperty('Retry-After');
    expect(login[401].description).toContain('wrong email or password');
    expect(errorsOf('/api/channel/webhook', 'post')).not.toHaveProperty('413');
    expect(errorsOf('/api/channel/webhook', 'post')[401]).toEqual(['unauthenticated']);
    expect(errorsOf('/api/v1/settings/set_mark_as_resolved', 'post')[502]).toEqual(['upstream_error']);
    expect(doc.paths['/api/tickets'].get.responses[405]).toEqual({ $ref: '#/components/responses/MethodNotAllowed' });
  });
});
