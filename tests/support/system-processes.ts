import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');

/** A real `node apps/…/main.ts` process; `output` keeps its stdout and stderr for diagnostics. */
export interface AppProcess {
  readonly name: string;
  readonly pid: number;
  readonly exited: Promise<number | null>;
  alive(): boolean;
  output(): string;
  /** Sends the signal and resolves with the exit code (null after SIGKILL). */
  signal(signal: NodeJS.Signals): Promise<number | null>;
}

export interface ApiProcess extends AppProcess {
  readonly baseUrl: string;
}

/** A TCP port nobody listens on right now. */
export const freePort = async (): Promise<number> => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
};

const launch = (name: string, entry: string, env: Record<string, string>): AppProcess => {
  const child: ChildProcess = spawn(process.execPath, [join(root, entry)], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let code: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve((code = c))));
  return {
    name,
    pid: child.pid ?? -1,
    exited,
    alive: () => code === undefined,
    output: () => output,
    signal: (signal) => {
      if (code === undefined) child.kill(signal);
      return exited;
    },
  };
};

const until = async (what: string, proc: AppProcess, check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!proc.alive()) throw new Error(`${proc.name} exited before ${what}:\n${proc.output().slice(-3000)}`);
    if (await check()) return;
    if (Date.now() > deadline) {
      await proc.signal('SIGKILL');
      throw new Error(`${proc.name}: no ${what} within ${timeoutMs} ms:\n${proc.output().slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** `node apps/api/main.ts` on a free port; resolves once `/readyz` (or, with `wait = 'healthz'`, `/healthz`) answers 200. */
export const startApiProcess = async (name: string, env: Record<string, string>, wait: 'readyz' | 'healthz' = 'readyz', timeoutMs = 30_000): Promise<ApiProcess> => {
  const port = await freePort();
  const proc = launch(name, 'apps/api/main.ts', { LOG_LEVEL: 'warn', ...env, PORT: String(port) });
  const baseUrl = `http://127.0.0.1:${port}`;
  await until(wait, proc, () => fetch(`${baseUrl}/${wait}`).then((r) => r.status === 200, () => false), timeoutMs);
  return { ...proc, baseUrl };
};

/** `node apps/worker/main.ts`; resolves once it consumes from RabbitMQ. */
export const startWorkerProcess = async (name: string, env: Record<string, string>, timeoutMs = 30_000): Promise<AppProcess> => {
  const proc = launch(name, 'apps/worker/main.ts', { LOG_LEVEL: 'info', ...env });
  await until('consumer', proc, () => proc.output().includes('worker consuming from RabbitMQ'), timeoutMs);
  return proc;
};

/** `node apps/cli/main.ts <args>`: resolves with its stdout, rejects when it exits non-zero. */
export const runCliProcess = async (args: ReadonlyArray<string>, env: Record<string, string>): Promise<string> => {
  const child = spawn(process.execPath, [join(root, 'apps/cli/main.ts'), ...args], { cwd: root, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`cli ${args.join(' ')} exited with ${code}: ${err}`);
  return out;
};
