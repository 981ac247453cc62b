// node bench/profile-callers.ts <file.cpuprofile> [requests] — inclusive CPU per function of this repository
// (core/, adapters/, apps/): each sample counts once for every distinct repo function on its stack.
import { readFile } from 'node:fs/promises';

interface Node { id: number; parent?: number; children?: number[]; callFrame: { functionName: string; url: string; lineNumber: number } }
const [path, requestsArg] = process.argv.slice(2);
const profile = JSON.parse(await readFile(path as string, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const requests = Number(requestsArg ?? 1);
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
for (const n of profile.nodes) for (const c of n.children ?? []) (nodes.get(c) as Node).parent = n.id;
const repo = (url: string) => /\/(core|adapters|apps)\//.exec(url) !== null && !url.includes('node_modules');
const inclusive = new Map<string, number>();
let busy = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i + 1] ?? 0;
  let n = nodes.get(id);
  if (n === undefined || n.callFrame.functionName === '(idle)') return;
  busy += dt;
  const seen = new Set<string>();
  for (; n !== undefined; n = n.parent === undefined ? undefined : nodes.get(n.parent)) {
    if (!repo(n.callFrame.url)) continue;
    const key = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*?\/((?:core|adapters|apps)\/)/, '$1')}:${n.callFrame.lineNumber + 1}`;
    if (!seen.has(key)) inclusive.set(key, (inclusive.get(key) ?? 0) + dt), seen.add(key);
  }
});
console.log(`busy ${(busy / 1e6).toFixed(1)} s`);
for (const [k, v] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 60)))
  console.log(`${((v / busy) * 100).toFixed(1).padStart(5)} %  ${(v / 1e3 / requests).toFixed(3)} ms/req  ${k}`);
