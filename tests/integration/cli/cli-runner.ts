import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const main = join(import.meta.dirname, '../../../apps/cli/main.ts');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `npm run cli -- <args>` as a child process on the given database; `input` is its standard input (a pipe, never a TTY). */
export const runCli = (args: ReadonlyArray<string>, databaseUrl: string, input = ''): Promise<CliResult> =>
  new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'info' };
    delete env.AMQP_URL;
    const child = execFile(process.execPath, [main, ...args], { env, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end(input);
  });

/** A temp folder for one SQLite file; `remove` deletes it. */
export const tempSqlite = async (): Promise<{ readonly url: string; remove(): Promise<void> }> => {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-cli-'));
  return { url: `sqlite:${join(dir, 'cli.db')}`, remove: () => rm(dir, { recursive: true, force: true }) };
};
