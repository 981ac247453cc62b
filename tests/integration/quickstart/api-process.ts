import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const main = join(import.meta.dirname, '../../../apps/api/main.ts');

/** Variables a developer's shell (or CI) may carry that would take the quickstart off its defaults. */
const defaultsOff = ['DATABASE_URL', 'AMQP_URL', 'JWT_SECRET', 'SECRETS_KEY', 'PORT', 'PUBLIC_BASE_URL', 'ALLOCATION_SWEEP_SECONDS'];

export interface ApiProcess {
  readonly baseUrl: string;
  /** What the process wrote to stderr up to and including the start banner. */
  readonly banner: string;
  stdout(): string;
  /** Sends SIGTERM; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** `npm start` as a user runs it: `node apps/api/main.ts` in `cwd`, on every default (but `extraEnv`), on a free port. */
export const startApi = (cwd: string, timeoutMs = 20_000, extraEnv: Readonly<Record<string, string>> = {}): Promise<ApiProcess> => {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', LOG_LEVEL: 'info' };
  for (const name of defaultsOff) if (name !== 'PORT') delete env[name];
  Object.assign(env, extraEnv);
  const child: ChildProcess = spawn(process.execPath, [main], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the API did not start in time; stderr: ${err}; stdout: ${out}`));
    }, timeoutMs);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the API exited with ${code}; stderr: ${err}`));
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err += String(chunk);
      const port = /listening on http:\/\/localhost:(\d+)[\s\S]*\n=+\n/.exec(err)?.[1];
      if (port === undefined) return;
      clearTimeout(timer);
      resolve({
        baseUrl: `http://127.0.0.1:${port}`,
        banner: err,
        stdout: () => out,
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
      });
    });
  });
};
