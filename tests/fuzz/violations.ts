import type { Violation } from './fuzz-run.ts';

/** One line per distinct problem (operation, status, what broke), with one request that shows it. */
export const describeViolations = (violations: ReadonlyArray<Violation>): string[] => {
  const seen = new Map<string, string>();
  for (const v of violations) {
    for (const problem of v.problems) {
      const key = `${v.request.operation} → ${v.status}: ${problem.slice(0, 200)}`;
      if (seen.has(key)) continue;
      const body = v.request.body === undefined ? '' : ` body(${v.request.body.kind}, ${v.request.body.contentType ?? 'no type'}): ${v.request.body.bytes.subarray(0, 160).toString('latin1')}`;
      seen.set(key, `${key}\n    ${v.request.caller} ${v.request.method} ${v.request.target.slice(0, 200)} [${v.request.kinds.join(',')}]${body}\n    answer: ${v.body.slice(0, 300)}`);
    }
  }
  return [...seen.values()];
};
