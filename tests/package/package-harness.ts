import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to its end; a non-zero exit is returned, not thrown. */
export const sh = async (cwd: string, command: string, args: ReadonlyArray<string>, timeoutMs = 180_000): Promise<Ran> => {
  try {
    const { stdout, stderr } = await run(command, [...args], { cwd, timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? String(error) };
  }
};

/** `sh`, failing with its output unless it exits 0. */
export const ok = async (cwd: string, command: string, args: ReadonlyArray<string>, timeoutMs?: number): Promise<string> => {
  const ran = await sh(cwd, command, args, timeoutMs);
  if (ran.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${ran.code}\n${ran.stdout}\n${ran.stderr}`);
  return ran.stdout;
};

/** `npm pack` of the repo (its `prepack` builds dist/) into a fresh folder outside it; the tarball's path. */
export const packRepo = async (): Promise<string> => {
  const out = await mkdtemp(join(tmpdir(), 'switchboard-pack-'));
  const [packed] = JSON.parse(await ok(repoRoot, 'npm', ['pack', '--json', '--pack-destination', out, '--loglevel=error'], 300_000)) as Array<{ filename: string }>;
  if (packed === undefined) throw new Error('npm pack packed nothing');
  return join(out, packed.filename);
};

/**
 * A new project outside the repo that declares only the tarball, the libraries its own code imports (koa,
 * effect) and its TypeScript toolchain, installed from the npm cache where it can; the examples copied in.
 */
export const consumerProject = async (tarball: string, examples: ReadonlyArray<string>): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-consumer-'));
  const ours = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
  const manifest = {
    name: 'switchboard-consumer',
    private: true,
    type: 'module',
    dependencies: { switchboard: `file:${tarball}`, koa: ours.dependencies['koa'], effect: ours.devDependencies['effect'] },
    devDependencies: { typescript: ours.devDependencies['typescript'], '@types/node': ours.devDependencies['@types/node'] },
  };
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await ok(dir, 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], 300_000);
  for (const name of examples) await copyFile(join(repoRoot, 'examples', name), join(dir, name));
  return dir;
};

/** tsconfig of a strict Node ESM project, as a new user would write it. */
export const strictNodeTsconfig = (files: ReadonlyArray<string>) => ({
  compilerOptions: {
    target: 'es2024',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    // effect's declarations name Web Crypto types (CryptoKey), which come with the DOM lib.
    lib: ['es2024', 'dom'],
    types: ['node'],
    strict: true,
    noEmit: true,
    verbatimModuleSyntax: true,
    erasableSyntaxOnly: true,
  },
  files,
});
