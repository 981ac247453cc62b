import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../apps/api/config.ts';

const secret = 'k'.repeat(32);

describe('API configuration', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({ JWT_SECRET: secret, SECRETS_KEY: Buffer.alloc(32, 1).toString('base64') });
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: 'sqlite:./data/switchboard.db',
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 1_209_600,
      publicBaseUrl: 'http://localhost:3000',
      loginMaxFailuresPerAccount: 10,
      loginMaxFailuresPerAddress: 100,
      loginFailureWindowSeconds: 900,
      channelRateLimitPerMinute: 600,
      trustProxy: 0,
      amqpUrl: null,
      amqpPrefix: 'switchboard',
    });
  });

  it.each([
    ['JWT_SECRET', 'too-short'],
    ['PORT', 'eighty'],
    ['TRUST_PROXY', '-1'],
    ['DATABASE_URL', 'postgres://x'],
    ['LOGIN_FAILURE_WINDOW_SECONDS', '0'],
  ])('stops with a message naming %s', (name, value) => {
    expect(() => loadConfig({ JWT_SECRET: secret, [name]: value })).toThrow(name);
  });

  it('generates the JWT secret once and keeps it under the data directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-config-'));
    const first = loadConfig({}, dir);
    const second = loadConfig({}, dir);
    expect(Buffer.byteLength(first.jwtSecret)).toBeGreaterThanOrEqual(32);
    expect(second.jwtSecret).toBe(first.jwtSecret);
    expect(readFileSync(join(dir, 'jwt-secret'), 'utf8').trim()).toBe(first.jwtSecret);
    expect(second.secretsKey.length).toBe(32);
  });

  it('gives processes starting at once on an empty data directory the same generated secrets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-config-race-'));
    const configModule = resolve(import.meta.dirname, '../../apps/api/config.ts');
    const script = `const { loadConfig } = await import(${JSON.stringify(configModule)}); const c = loadConfig({}, ${JSON.stringify(dir)}); console.log(c.jwtSecret + ' ' + c.secretsKey.toString('base64'));`;
    const runs = await Promise.all(
      Array.from({ length: 6 }, () => promisify(execFile)(process.execPath, ['--input-type=module', '-e', script])),
    );
    const seen = new Set(runs.map((r) => r.stdout.trim()));
    expect(seen.size).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['jwt-secret', 'secrets-key']);
  });
});
