import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRoot } from '../../apps/shared/root.ts';

const root = resolve(import.meta.dirname, '../..');

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') || path.endsWith('.tsx') ? [path] : [];
  });

const appFiles = sourceFiles(join(root, 'apps'));
const constructedIn = (adapter: string): string[] =>
  appFiles.filter((file) => readFileSync(file, 'utf8').includes(`new ${adapter}(`)).map((file) => relative(root, file));

describe('one composition root (docs/architecture.md)', () => {
  it('inversify is gone: not a dependency, imported nowhere', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    expect(Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })).not.toContain('inversify');
    const importers = ['core', 'adapters', 'apps', 'examples']
      .flatMap((folder) => sourceFiles(join(root, folder)))
      .filter((file) => /from ['"]inversify['"]/.test(readFileSync(file, 'utf8')));
    expect(importers).toEqual([]);
  });

  it('each adapter the apps share is built in one place of apps/', () => {
    const shared = ['Argon2PasswordHasher', 'AesGcmSecretBox', 'QiscusChatPlatform', 'DestinationGuard', 'OutboundHttpClient', 'PrometheusMetrics', 'JwtAccessTokenIssuer'];
    const places = Object.fromEntries(shared.map((adapter) => [adapter, constructedIn(adapter)]));
    expect(places).toEqual({
      Argon2PasswordHasher: ['apps/shared/root.ts'],
      AesGcmSecretBox: ['apps/shared/root.ts'],
      QiscusChatPlatform: ['apps/shared/outbound.ts'],
      DestinationGuard: ['apps/shared/outbound.ts'],
      OutboundHttpClient: ['apps/shared/outbound.ts'],
      PrometheusMetrics: ['apps/shared/metrics.ts'],
      JwtAccessTokenIssuer: ['apps/api/composition.ts'],
    });
  });

  it('openRoot gives one store, the shared parts and the jobs on them', async () => {
    const opened = await openRoot({ databaseUrl: 'memory:', secretsKey: null, outboundAllowPrivateNetworks: false, metrics: { token: null, perTenant: false } });
    try {
      expect(opened.store.kind).toBe('memory');
      expect(opened.metrics).not.toBeNull();
      const jobs = opened.jobs({ allocationSweepSeconds: 7 });
      expect(jobs.handlers.map((h) => h.name)).toContain('allocation');
      expect(jobs.sweeps.find((s) => s.name === 'allocation-sweep')?.intervalMs).toBe(7000);
    } finally {
      await opened.close();
    }
  });
});

describe('the production clock and ids (switchboard/system)', () => {
  it('live in adapters/system; switchboard/memory re-exports the same objects for 0.2 embedders', async () => {
    const system = await import('../../adapters/system/index.ts');
    const memory = await import('../../adapters/memory/index.ts');
    expect(memory.systemClock).toBe(system.systemClock);
    expect(memory.uuidV7Ids).toBe(system.uuidV7Ids);
    const [a, b] = [system.uuidV7Ids.next(), system.uuidV7Ids.next()];
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
    expect(Math.abs(system.systemClock.now().getTime() - Date.now())).toBeLessThan(1000);
  });

  it('no file of adapters/memory defines them any more', () => {
    const defining = sourceFiles(join(root, 'adapters/memory')).filter((file) => /export const (systemClock|uuidV7Ids)\b/.test(readFileSync(file, 'utf8')));
    expect(defining).toEqual([]);
  });
});
