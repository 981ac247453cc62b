import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumerProject, ok, packRepo, repoRoot, sh, strictNodeTsconfig } from './package-harness.ts';

const examples = ['embed.ts', 'mount-http.ts', 'typed-ports.ts'];

// Which packages importing one specifier loads: every module URL it resolves, by package name.
const loadedPackages = `
import { registerHooks } from 'node:module';
const urls = new Set();
registerHooks({ resolve: (specifier, context, next) => { const r = next(specifier, context); urls.add(r.url); return r; } });
await import(process.argv[2]);
const names = [...urls].map((u) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(u)?.[1]).filter(Boolean);
console.log(JSON.stringify([...new Set(names)].sort()));
`;

// Switchboard as a new user gets it: packed, installed into a project outside the repo, used by name.
describe('the packed package, installed into a new project', () => {
  let tarball = '';
  let project = '';
  beforeAll(async () => {
    tarball = await packRepo();
    project = await consumerProject(tarball, examples);
    await writeFile(join(project, 'loaded.mjs'), loadedPackages);
  }, 600_000);
  afterAll(async () => {
    for (const dir of [project, tarball === '' ? '' : dirname(tarball)]) if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  it('embeds the core with the memory adapters and allocates a ticket (examples/embed.ts)', async () => {
    const out = await ok(project, 'node', ['embed.ts']);
    expect(out.trim()).toBe('ticket "Cannot log in" is open, assigned to Ana');
  });

  it("mounts switchboard/http under /support in the project's own Koa app on SQLite and logs in over HTTP (examples/mount-http.ts)", async () => {
    await mkdir(join(project, 'data'), { recursive: true });
    const out = JSON.parse(await ok(project, 'node', ['mount-http.ts'], 120_000)) as { loginStatus: number; user: { role: string }; host: unknown };
    expect(out.loginStatus).toBe(200);
    expect(out.user.role).toBe('admin');
    expect(out.host).toEqual({ page: 'the shop' });
  }, 120_000);

  it('type-checks the examples with tsc --noEmit, strict, nodenext, and the types are real (a wrong use fails)', async () => {
    await writeFile(join(project, 'tsconfig.json'), JSON.stringify(strictNodeTsconfig(examples)));
    const tsc = join(project, 'node_modules', '.bin', 'tsc');
    await ok(project, tsc, ['-p', 'tsconfig.json']);
    await writeFile(join(project, 'wrong.ts'), "import { roles } from 'switchboard';\nexport const count: number = roles;\n");
    await writeFile(join(project, 'tsconfig.wrong.json'), JSON.stringify(strictNodeTsconfig(['wrong.ts'])));
    const wrong = await sh(project, tsc, ['-p', 'tsconfig.wrong.json']);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stdout).toContain('wrong.ts(2,14): error TS2322');
  }, 120_000);

  it('importing the core loads no adapter dependency (mysql2, amqplib, koa, MikroORM, pino); the HTTP subpath does load koa', async () => {
    const core = JSON.parse(await ok(project, 'node', ['loaded.mjs', 'switchboard'])) as string[];
    // The core's own dependencies: effect and the Temporal polyfill (business-hours arithmetic).
    expect(core.filter((name) => !['effect', 'switchboard', 'temporal-polyfill', 'temporal-utils'].includes(name))).toEqual([]);
    expect(core).toContain('effect');
    const http = JSON.parse(await ok(project, 'node', ['loaded.mjs', 'switchboard/http'])) as string[];
    expect(http).toContain('koa');
  });

  it('exposes only the exports map: a file of the package by its path is refused', async () => {
    const deep = await sh(project, 'node', ['--input-type=module', '-e', "await import('switchboard/dist/core/index.js')"]);
    expect(deep.code).not.toBe(0);
    expect(deep.stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  it('passes publint (strict) and @arethetypeswrong/cli (ESM-only profile) without a problem', async () => {
    const bin = (name: string) => join(repoRoot, 'node_modules', '.bin', name);
    const lint = await ok(repoRoot, bin('publint'), ['run', tarball, '--strict']);
    expect(lint).toContain('All good!');
    const types = await sh(repoRoot, bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'json']);
    // ESM only: a CommonJS `require` (node16-cjs) and pre-exports resolvers (node10) are out of scope.
    const report = JSON.parse(types.stdout) as { analysis: { problems: Array<{ resolutionKind?: string }> } };
    expect(report.analysis.problems.filter((p) => !['node10', 'node16-cjs'].includes(p.resolutionKind ?? ''))).toEqual([]);
    expect(types.code).toBe(0);
  }, 120_000);
});
