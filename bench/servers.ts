import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface RunningServer {
  readonly url: string;
  /** The server's process id, for its CPU figures. */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/** Starts `bench/<file>` in its own Node process and waits for its `listening <port>` line. */
export const startServer = async (file: string, env: Record<string, string>, nodeArgs: ReadonlyArray<string> = []): Promise<RunningServer> => {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, join(import.meta.dirname, file)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file} did not start within 60 s`)), 60_000);
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code} before listening`)));
    lines.on('line', (line) => {
      const match = /^listening (\d+)$/.exec(line);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      } else process.stderr.write(`[${file}] ${line}\n`);
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
};

const freePort = async (): Promise<number> => {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
};

/** Starts an app entry point (e.g. `apps/api/main.ts`) on a free port and waits until `/readyz` answers 200. */
export const startApp = async (entry: string, env: Record<string, string>, nodeArgs: ReadonlyArray<string> = []): Promise<RunningServer> => {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, join(import.meta.dirname, '..', entry)], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode} before it was ready`);
    const ready = await fetch(`${url}/readyz`).then((r) => r.status === 200, () => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`${entry} not ready within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
};
