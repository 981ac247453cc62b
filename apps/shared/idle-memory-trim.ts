import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import type { JobLogger } from '../../adapters/in-process/job-logger.ts';

/** When the idle trim looks and when it acts. */
export interface IdleTrimSettings {
  /** How often the process looks at its load and RSS. */
  readonly checkEveryMs: number;
  /** Event-loop utilisation (0..1) below which an interval counts as idle. */
  readonly idleBelow: number;
  /** Consecutive idle intervals before a trim. */
  readonly idleIntervals: number;
  /** Trim once RSS is this much above what the last trim left (ratio), and at least `minGrowthBytes` above it. */
  readonly growth: number;
  readonly minGrowthBytes: number;
}

export const defaultIdleTrim: IdleTrimSettings = { checkEveryMs: 5_000, idleBelow: 0.05, idleIntervals: 2, growth: 0.2, minGrowthBytes: 32 * 2 ** 20 };

// An empty class: asking V8 for its instances finds none, and costs one last-resort GC plus a heap walk.
class NoInstances {}

/**
 * One last-resort full GC (V8's CollectAllAvailableGarbage, what a heap snapshot starts with). Unlike the GCs V8
 * runs by itself, it also hands the pages it pooled under load back to the OS: after a load, V8's heap shrinks to
 * what is live but the process keeps its high-water RSS until then (bench/README.md, "Memory"). `v8.queryObjects`
 * is the public API that runs it without `--expose-gc`; its experimental-feature warning is not printed.
 */
export const trimMemory = (): void => {
  const emitWarning = process.emitWarning;
  process.emitWarning = () => {};
  try {
    v8.queryObjects(NoInstances, { format: 'count' });
  } finally {
    process.emitWarning = emitWarning;
  }
};

/**
 * Trims memory (see `trimMemory`) once the process has been idle for `idleIntervals` checks and its RSS has grown
 * well past what the previous trim left — so after a load, not during one, and never twice for the same growth.
 * The first idle spell after start-up trims too (start-up garbage). Returns the stop function.
 */
export const startIdleMemoryTrim = (logger: JobLogger, settings: IdleTrimSettings = defaultIdleTrim): (() => void) => {
  let last = performance.eventLoopUtilization();
  let idleFor = 0;
  let trimmedTo: number | null = null;
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(now, last).utilization;
    last = now;
    idleFor = busy < settings.idleBelow ? idleFor + 1 : 0;
    const rss = process.memoryUsage.rss();
    const grown = trimmedTo === null || rss > Math.max(trimmedTo * (1 + settings.growth), trimmedTo + settings.minGrowthBytes);
    if (idleFor < settings.idleIntervals || !grown) return;
    const started = performance.now();
    trimMemory();
    trimmedTo = process.memoryUsage.rss();
    logger.info({ rssBeforeMb: Math.round(rss / 2 ** 20), rssAfterMb: Math.round(trimmedTo / 2 ** 20), ms: Math.round(performance.now() - started) }, 'idle: memory trimmed');
    last = performance.eventLoopUtilization();
  }, settings.checkEveryMs);
  timer.unref();
  return () => clearInterval(timer);
};
