import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

/** The `.cpuprofile` a `--cpu-prof --cpu-prof-dir=<dir>` process left in `dir` (the first one). */
export const profileIn = async (dir: string): Promise<string> => {
  const file = (await readdir(dir)).find((f) => f.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error(`no profile in ${dir}`);
  return join(dir, file);
};

/**
 * Where a process spent its CPU, by package and by function (self time), per request: only the last
 * `lastSeconds` of the profile when given (the measured run, not start-up and warm-up).
 */
export const summarizeProfile = async (path: string, requests: number, lastSeconds?: number): Promise<string> => {
  const profile = JSON.parse(await readFile(path, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };
  const measuredFrom = lastSeconds === undefined ? -Infinity : profile.endTime - lastSeconds * 1e6;
  let clock = profile.startTime;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const owner = (url: string): string =>
    url === '' ? '(native)' : (/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? (url.startsWith('node:') ? 'node' : url.replace(/^.*?\/((?:core|adapters|apps)\/[^/]+)\/.*$/, '$1')));
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    clock += profile.timeDeltas[i] ?? 0;
    if (clock < measuredFrom) return;
    const frame = nodes.get(id)?.callFrame;
    const dt = profile.timeDeltas[i + 1] ?? 0;
    if (frame === undefined || frame.functionName === '(idle)') return;
    busy += dt;
    const who = owner(frame.url);
    byOwner.set(who, (byOwner.get(who) ?? 0) + dt);
    const key = `${frame.functionName || '(anonymous)'} ${who}:${frame.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + dt);
  });
  const perRequest = (m: Map<string, number>, n: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `  ${((v / busy) * 100).toFixed(1).padStart(5)} %  ${(v / 1e3 / requests).toFixed(3)} ms/req  ${k}`).join('\n');
  return (
    `busy CPU ${(busy / 1e6).toFixed(1)} s, ≈ ${(busy / 1e3 / requests).toFixed(2)} ms per request (profile ${path})\n` +
    `by package:\n${perRequest(byOwner, 15)}\nby function:\n${perRequest(byFunction, 25)}\n`
  );
};
