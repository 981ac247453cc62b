import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Router } from '@koa/router';
import type { Context } from 'koa';

/** No inline script or style, nothing from another origin; the console talks only to this API. */
export const consoleCsp = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

// Vite's output names: `assets/<name>-<hash>.<ext>`; anything else (dots, slashes) is refused.
const assetName = /^[A-Za-z0-9_-]+\.[a-z0-9]+$/;

const notFound = (ctx: Context): void => {
  ctx.status = 404;
  ctx.body = { error: { code: 'not_found', message: 'No such resource.' } };
};

const readOrNull = (path: string): Promise<Buffer | null> => readFile(path).catch(() => null);

/** The web console's build (`dir`: Vite's `dist/`) at `/console/`; `/` redirects there. */
export const mountConsole = (router: Router, dir: string | undefined): void => {
  router.get('/', (ctx) => ctx.redirect('/console/'));
  // The router is not strict: this one route sees both `/console` and `/console/`.
  router.get('/console', async (ctx) => {
    if (ctx.path !== '/console/') return ctx.redirect('/console/');
    const page = dir === undefined ? null : await readOrNull(join(dir, 'index.html'));
    ctx.set('Cache-Control', 'no-cache');
    if (page === null) {
      ctx.status = 503;
      ctx.body = { error: { code: 'unavailable', message: 'The console is not built: run `npm run build:console`.' } };
      return;
    }
    ctx.set('Content-Security-Policy', consoleCsp);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = page;
  });
  router.get('/console/assets/:file', async (ctx) => {
    const file = ctx.params.file ?? '';
    const body = dir === undefined || !assetName.test(file) ? null : await readOrNull(join(dir, 'assets', file));
    if (body === null) return notFound(ctx);
    ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.type = extname(file);
    ctx.body = body;
  });
};
