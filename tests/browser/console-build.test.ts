import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildConsole, builtHash, distDir, sourceHash } from '../../apps/console/build.ts';

const root = join(import.meta.dirname, '../..');

// `npm install` builds the console (the `prepare` script), so `npm start` serves a current build.
describe('the console build', () => {
  it('runs on npm install, and again only when its sources changed', async () => {
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
    expect(pkg.scripts.prepare).toBe('node apps/console/build.ts');
    await buildConsole();
    expect(await builtHash()).toBe(await sourceHash());
    expect(await buildConsole()).toBe(false);
  });

  it('emits hashed assets and a page with no inline script or style', async () => {
    const page = await readFile(join(distDir, 'index.html'), 'utf8');
    const scripts = [...page.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [tag, body] of scripts) {
      expect(body?.trim()).toBe('');
      expect(tag).toMatch(/src="\/console\/assets\/[\w-]+\.js"/);
    }
    expect(page).not.toMatch(/<style|\sstyle="|\son\w+="/);
    const assets = await readdir(join(distDir, 'assets'));
    expect(assets.every((name) => /^[\w-]+-[\w-]{8}\.(js|css)$/.test(name))).toBe(true);
  });
});
