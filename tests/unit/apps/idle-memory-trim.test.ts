import { afterEach, describe, expect, it } from 'vitest';
import { startIdleMemoryTrim, trimMemory, type IdleTrimSettings } from '../../../apps/shared/idle-memory-trim.ts';

const trims: object[] = [];
const logger = { info: (fields: object, message: string) => void (message === 'idle: memory trimmed' && trims.push(fields)), warn: () => {}, error: () => {} };
const quick: IdleTrimSettings = { checkEveryMs: 20, idleBelow: 0.9, idleIntervals: 2, growth: 0, minGrowthBytes: 0 };
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let stop = () => {};

afterEach(() => {
  stop();
  trims.length = 0;
});

describe('the idle memory trim', () => {
  it('trims once the process has been idle for the intervals asked, and says how much RSS it handed back', async () => {
    stop = startIdleMemoryTrim(logger, quick);
    await wait(200);
    expect(trims.length).toBeGreaterThan(0);
    expect(trims[0]).toMatchObject({ rssBeforeMb: expect.any(Number), rssAfterMb: expect.any(Number), ms: expect.any(Number) });
  });

  it('never trims while the event loop is busy', async () => {
    stop = startIdleMemoryTrim(logger, { ...quick, idleBelow: 0 });
    await wait(200);
    expect(trims).toEqual([]);
  });

  it('does not trim again for the same RSS: only growth past what the last trim left counts', async () => {
    stop = startIdleMemoryTrim(logger, { ...quick, minGrowthBytes: 2 ** 40 });
    await wait(300);
    expect(trims).toHaveLength(1);
  });

  it('stops looking once stopped', async () => {
    stop = startIdleMemoryTrim(logger, quick);
    stop();
    await wait(200);
    expect(trims).toEqual([]);
  });

  it('runs its GC without printing the experimental-API warning and leaves process warnings working', () => {
    const emitWarning = process.emitWarning;
    trimMemory();
    expect(process.emitWarning).toBe(emitWarning);
  });
});
