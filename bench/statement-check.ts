import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { RunningServer } from './servers.ts';

/** Node flags that load the SQL trace hook; the trace file is named by BENCH_SQL_TRACE in the server's env. */
export const traceArgs = ['--import', join(import.meta.dirname, 'sql-trace.hook.ts')];

export interface TracedRequest {
  readonly name: string;
  readonly send: (url: string) => Promise<number>;
}

export interface StatementTrace {
  /** Per request: the round trips, each as sent (a batch of statements separated by `;` is one). */
  readonly requests: ReadonlyArray<{ readonly name: string; readonly status: number; readonly roundTrips: ReadonlyArray<string> }>;
}

/** Literals out, so the same statement with other values compares equal. */
export const shapeOf = (sql: string): string =>
  sql
    .replace(/'(?:[^'\\]|\\.|'')*'/g, '?')
    .replace(/\b\d+(?:\.\d+)?\b/g, '?')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Starts a server with the trace hook, sends every request once to warm its pool (connection setup
 * statements are not per request), then once more while recording what reaches mysql2.
 */
export const traceStatements = async (
  start: (env: Record<string, string>, nodeArgs: ReadonlyArray<string>) => Promise<RunningServer>,
  requests: ReadonlyArray<TracedRequest>,
): Promise<StatementTrace> => {
  const file = join(tmpdir(), `switchboard-sql-${process.pid}-${Date.now()}.log`);
  writeFileSync(file, '');
  const server = await start({ BENCH_SQL_TRACE: file }, traceArgs);
  const lines = () => readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as string);
  try {
    for (const request of requests) await request.send(server.url);
    const traced = [];
    for (const request of requests) {
      const before = lines().length;
      const status = await request.send(server.url);
      traced.push({ name: request.name, status, roundTrips: lines().slice(before) });
    }
    return { requests: traced };
  } finally {
    await server.stop();
    rmSync(file, { force: true });
  }
};

/** A printable comparison; `same` is true when both servers sent the same statements in the same round trips. */
export const compareTraces = (api: StatementTrace, bare: StatementTrace): { readonly same: boolean; readonly report: string } => {
  const lines: string[] = [];
  let same = true;
  for (const [i, request] of api.requests.entries()) {
    const floor = bare.requests[i];
    const a = request.roundTrips.map(shapeOf);
    const b = floor?.roundTrips.map(shapeOf) ?? [];
    const equal = a.length === b.length && a.every((s, k) => s === b[k]);
    same &&= equal;
    const statements = a.reduce((n, s) => n + s.split(/;\s*/).filter((x) => x !== '').length, 0);
    lines.push(`  ${request.name}: api ${request.status}, bare ${floor?.status}; ${a.length} round trips, ${statements} statements; ${equal ? 'identical' : 'DIFFERENT'}`);
    for (const [k, s] of a.entries()) lines.push(`    ${k + 1}. ${s.length > 160 ? `${s.slice(0, 157)}...` : s}`);
    if (!equal) for (const [k, s] of b.entries()) lines.push(`    bare ${k + 1}. ${s.length > 160 ? `${s.slice(0, 157)}...` : s}`);
  }
  return { same, report: lines.join('\n') };
};
