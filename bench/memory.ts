import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One look at a server process: RSS from /proc, V8 heap and malloc'd buffers from its own process.memoryUsage(). */
export interface MemoryLook {
  readonly rssMb: number;
  /** Anonymous resident memory (V8 heap, malloc arenas, stacks): RSS minus mapped files such as the node binary. */
  readonly anonMb: number;
  readonly heapUsedMb: number;
  readonly heapTotalMb: number;
  readonly externalMb: number;
  /** Resident in glibc malloc's arenas (the main one's brk heap and the threads' 64 MB heaps), when looked at in detail. */
  readonly mallocMb?: number;
}

const mb = (bytes: number) => bytes / 2 ** 20;

/** The Node flags that make a server report its memory (see memory-report.hook.ts) into `file`. */
export const memoryReporting = (file: string) => ({ nodeArgs: ['--import', join(import.meta.dirname, 'memory-report.hook.ts')], env: { BENCH_MEMORY_FILE: file } });

export const look = (pid: number | undefined, file: string): MemoryLook => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN) / 1024;
  const usage = JSON.parse(readFileSync(file, 'utf8')) as NodeJS.MemoryUsage;
  return { rssMb: kb('VmRSS'), anonMb: kb('RssAnon'), heapUsedMb: mb(usage.heapUsed), heapTotalMb: mb(usage.heapTotal), externalMb: mb(usage.external) };
};

/**
 * Resident memory in glibc malloc's arenas, from /proc/<pid>/smaps: `[heap]` (the main arena) plus each thread
 * arena's heap — an anonymous read-write mapping followed by its reserved rest, 64 MB together. V8's own pages
 * live in its pointer-compression cage and never pair up to exactly 64 MB.
 */
export const mallocMb = (pid: number | undefined): number => {
  const maps: Array<{ start: number; end: number; perms: string; name: string; rssKb: number }> = [];
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const header = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header !== null) maps.push({ start: parseInt(header[1] ?? '0', 16), end: parseInt(header[2] ?? '0', 16), perms: header[3] ?? '', name: header[4] ?? '', rssKb: 0 });
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    const last = maps.at(-1);
    if (rss !== null && last !== undefined) last.rssKb = Number(rss[1]);
  }
  let kb = 0;
  maps.forEach((m, i) => {
    const next = maps[i + 1];
    const arena = m.name === '' && m.perms === 'rw-p' && next !== undefined && next.start === m.end && next.perms === '---p' && next.end - m.start === 64 * 2 ** 20;
    if (m.name === '[heap]' || arena) kb += m.rssKb;
  });
  return kb / 1024;
};

/** `look` plus the malloc arenas' share (reads smaps: for single looks, not the 250 ms sampling). */
export const lookClosely = (pid: number | undefined, file: string): MemoryLook => ({ ...look(pid, file), mallocMb: mallocMb(pid) });

/** Looks at the process every 250 ms until `stop()`, which returns the look with the highest RSS. */
export const watchPeak = (pid: number | undefined, file: string): { stop(): MemoryLook } => {
  let peak = look(pid, file);
  const timer = setInterval(() => {
    const now = look(pid, file);
    if (now.rssMb > peak.rssMb) peak = now;
  }, 250);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
};

export const describe = (m: MemoryLook): string =>
  `RSS ${m.rssMb.toFixed(0)} MB (anon ${m.anonMb.toFixed(0)}${m.mallocMb === undefined ? '' : `, malloc ${m.mallocMb.toFixed(0)}`}), heap ${m.heapUsedMb.toFixed(0)}/${m.heapTotalMb.toFixed(0)} MB, external ${m.externalMb.toFixed(0)} MB`;

/** Both servers' memory at the end of one load (the highest RSS seen during it) and `idleSeconds` later. */
export interface MemoryCycle {
  readonly loaded: { readonly api: MemoryLook; readonly bare: MemoryLook };
  /** Right after the load ended (with the malloc share). */
  readonly ended: { readonly api: MemoryLook; readonly bare: MemoryLook };
  readonly after: { readonly api: MemoryLook; readonly bare: MemoryLook };
}

export const memoryTargets = { loadedOfFloor: 1.2, afterOfIdle: 1.2 } as const;

const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

/** The memory report: each server idle, under each load and after it, and the issue's targets with PASS/MISS. */
export const memoryTable = (idle: MemoryCycle['after'], cycles: ReadonlyArray<MemoryCycle>, idleSeconds: number): string => {
  const lines = ['memory (highest RSS during a load; heap used/total from the process itself)'];
  for (const server of ['bare', 'api'] as const) {
    lines.push(`  ${server.padEnd(4)} idle: ${describe(idle[server])}`);
    cycles.forEach((c, i) => {
      lines.push(`  ${server.padEnd(4)} load ${i + 1}: ${describe(c.loaded[server])}; as it ended: ${describe(c.ended[server])}`);
      lines.push(`  ${server.padEnd(4)} ${idleSeconds} s after load ${i + 1}: ${describe(c.after[server])}`);
    });
  }
  cycles.forEach((c, i) => {
    const ofFloor = c.loaded.api.rssMb / c.loaded.bare.rssMb;
    const ofIdle = c.after.api.rssMb / idle.api.rssMb;
    lines.push(
      `load ${i + 1}: API RSS under load ${ofFloor.toFixed(2)}× the floor's (≤ ${memoryTargets.loadedOfFloor}) ${verdict(ofFloor <= memoryTargets.loadedOfFloor)}; ` +
        `${idleSeconds} s after ${((ofIdle - 1) * 100).toFixed(0)} % over idle (≤ ${((memoryTargets.afterOfIdle - 1) * 100).toFixed(0)} %) ${verdict(ofIdle <= memoryTargets.afterOfIdle)}`,
    );
  });
  const first = cycles[0];
  const last = cycles.at(-1);
  if (first !== undefined && last !== undefined && cycles.length > 1) {
    const growth = last.after.api.rssMb / first.after.api.rssMb - 1;
    lines.push(`API RSS ${idleSeconds} s after load ${cycles.length} vs after load 1: ${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(0)} % (heap used ${first.after.api.heapUsedMb.toFixed(0)} → ${last.after.api.heapUsedMb.toFixed(0)} MB)`);
  }
  return lines.join('\n');
};
