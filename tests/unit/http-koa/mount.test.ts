import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { afterEach, describe, expect, it } from 'vitest';
import { mountApi } from '../../../adapters/http-koa/mount.ts';

const inner = new Koa();
inner.use((ctx) => {
  ctx.body = { innerPath: ctx.path, url: ctx.url };
});

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

const host = async (prefix: string): Promise<string> => {
  const app = new Koa();
  app.use(mountApi(prefix, { koa: inner }));
  app.use((ctx) => {
    ctx.body = { host: ctx.path };
  });
  const listening = createServer(app.callback());
  server = listening;
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
};

const get = async (url: string): Promise<unknown> => (await fetch(url)).json();

describe('mountApi', () => {
  it('hands paths under the prefix to the API without the prefix, query kept', async () => {
    const base = await host('/support/');
    expect(await get(`${base}/support/api/tickets?limit=2`)).toEqual({ innerPath: '/api/tickets', url: '/api/tickets?limit=2' });
    expect(await get(`${base}/support`)).toEqual({ innerPath: '/', url: '/' });
  });

  it("leaves every other path to the host's next middleware, a look-alike prefix included", async () => {
    const base = await host('support');
    expect(await get(`${base}/supported/x`)).toEqual({ host: '/supported/x' });
    expect(await get(`${base}/`)).toEqual({ host: '/' });
  });

  it('refuses an empty prefix', () => {
    expect(() => mountApi('/', { koa: inner })).toThrow(/prefix/);
  });
});
