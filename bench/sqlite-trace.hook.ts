// Preload (`--import ./bench/sqlite-trace.hook.ts`, with SQLITE_TRACE_FILE=<path>): times every node:sqlite
// prepare and run by statement text and writes the totals to SQLITE_TRACE_FILE when the process exits.
import { writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';

const Database = DatabaseSync as unknown as { prototype: { prepare(sql: string): object } };
const totals = new Map<string, { prepares: number; prepareMs: number; runs: number; runMs: number }>();
const entry = (sql: string) => {
  const key = sql.replace(/\s+/g, ' ').slice(0, 220);
  let e = totals.get(key);
  if (e === undefined) totals.set(key, (e = { prepares: 0, prepareMs: 0, runs: 0, runMs: 0 }));
  return e;
};
const prepare = Database.prototype.prepare;
Database.prototype.prepare = function (this: object, sql: string) {
  const t0 = performance.now();
  const statement = prepare.call(this, sql) as Record<string, unknown>;
  const e = entry(sql);
  e.prepares += 1;
  e.prepareMs += performance.now() - t0;
  for (const method of ['all', 'get', 'run', 'iterate']) {
    const original = statement[method] as (...args: unknown[]) => unknown;
    statement[method] = (...args: unknown[]) => {
      const t1 = performance.now();
      try {
        return original.apply(statement, args);
      } finally {
        e.runs += 1;
        e.runMs += performance.now() - t1;
      }
    };
  }
  return statement;
};
process.on('exit', () => {
  const rows = [...totals].sort((a, b) => b[1].runMs + b[1].prepareMs - (a[1].runMs + a[1].prepareMs));
  writeFileSync(process.env.SQLITE_TRACE_FILE ?? '/tmp/sqlite-trace.txt', rows.map(([sql, e]) => `${(e.runMs + e.prepareMs).toFixed(0).padStart(7)} ms  prep ${e.prepareMs.toFixed(0).padStart(5)} ms  runs ${String(e.runs).padStart(6)}  ${sql}`).join('\n'));
});
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => process.exit(0));
