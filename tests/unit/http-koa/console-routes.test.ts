import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Router } from '@koa/router';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountConsole } from '../../../adapters/http-koa/console.routes.ts';

const serve = async (dir: string | undefined): Promise<{ base: string; server: Server }> => {
  const router = new Router();
  mountConsole(router, dir);
  const koa = new Koa();
  koa.use(router.routes());
  const server = createServer(koa.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
};

describe('the console static route', () => {
  let dir: string;
  let built: { base: string; server: Server };
  let missing: { base: string; server: Server };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'console-dist-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><script type="module" src="/console/assets/index-Ab12_x.js"></script>');
    await writeFile(join(dir, 'assets', 'index-Ab12_x.js'), 'console.log(1)');
    await writeFile(join(dir, 'assets', 'index-Cd34.css'), 'body{}');
    await writeFile(join(dir, 'secret.txt'), 'not an asset');
    built = await serve(dir);
    missing = await serve(undefined);
  });
  afterAll(async () => {
    built.server.close();
    missing.server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('redirects / and /console to /console/', async () => {
    for (const path of ['/', '/console']) {
      const res = await fetch(built.base + path, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/console/');
    }
  });

  it('serves index.html uncached, under a CSP that allows no inline or foreign script', async () => {
    const res = await fetch(`${built.base}/console/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(await res.text()).toContain('/console/assets/index-Ab12_x.js');
  });

  it('serves hashed assets as immutable with their media type', async () => {
    const js = await fetch(`${built.base}/console/assets/index-Ab12_x.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(js.headers.get('content-type')).toMatch(/^(application|text)\/javascript/);
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    const css = await fetch(`${built.base}/console/assets/index-Cd34.css`);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('answers 404 in the error envelope for unknown assets and anything outside assets/', async () => {
    for (const path of ['/console/assets/nope-1.js', '/console/assets/..%2Fsecret.txt', '/console/assets/.hidden', '/console/assets/%2e%2e%2findex.html']) {
      const res = await fetch(built.base + path);
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });

  it('says the console is not built when there is no build', async () => {
    const res = await fetch(`${missing.base}/console/`);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: unknown }).error).toMatchObject({ code: 'unavailable' });
  });
});
