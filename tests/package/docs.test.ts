import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ok, repoRoot, sh } from './package-harness.ts';

const typedoc = join(repoRoot, 'tools', 'typedoc', 'node_modules', 'typedoc', 'bin', 'typedoc');

// The API reference (TypeDoc over the package's entry points) fails the build on an undocumented export.
describe('npm run docs', () => {
  it('documents every exported symbol of every entry point', async () => {
    const out = await ok(repoRoot, 'npm', ['run', 'docs', '--silent'], 300_000);
    expect(out).toContain('html generated');
  }, 300_000);

  it('fails on an undocumented export with the same settings', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-typedoc-'));
    await writeFile(join(dir, 'entry.ts'), '/** Documented. */\nexport const documented = 1;\nexport const undocumented = 2;\n');
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext' }, files: ['entry.ts'] }));
    const options = { extends: [join(repoRoot, 'typedoc.json')], entryPoints: ['./entry.ts'], tsconfig: './tsconfig.json', out: './out' };
    await writeFile(join(dir, 'typedoc.json'), JSON.stringify(options));
    const run = await sh(dir, 'node', [typedoc], 120_000);
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toContain('undocumented (Variable)');
    expect(run.stdout + run.stderr).not.toContain(' documented (Variable)');
    await rm(dir, { recursive: true, force: true });
  }, 300_000);
});
