import { describe, expect, it } from 'vitest';
import { fairnessOf, reportPeriod } from '../../../core/tickets/get-support-report.use-case.ts';
import { jainIndex, percentileSeconds, p50, p90 } from '../../../core/tickets/support-report.ts';
import { Effect, Exit } from 'effect';

const row = (assigned: number, capacity: number, availability: 'online' | 'offline' = 'offline') => ({
  agentId: `a${assigned}-${capacity}`, name: 'A', availability, assigned, resolved: 0, firstResponseSecondsP50: null, loadNow: 0, capacity,
});

describe('report definitions', () => {
  it('takes nearest-rank percentiles', () => {
    expect(percentileSeconds([], p50)).toBeNull();
    expect(percentileSeconds([3000], p90)).toBe(3);
    expect(percentileSeconds([4000, 1000, 3000, 2000], p50)).toBe(2);
    expect(percentileSeconds(Array.from({ length: 30 }, (_, i) => (i + 1) * 1000), p90)).toBe(27);
  });

  it("computes Jain's index: 1 when even, 1/n when one takes all, null when nothing was assigned", () => {
    expect(jainIndex([2, 2, 2])).toBe(1);
    expect(jainIndex([3, 0, 0])).toBeCloseTo(1 / 3);
    expect(jainIndex([])).toBeNull();
    expect(jainIndex([0, 0])).toBeNull();
  });

  it('is fair relative to capacity, counts online agents with nothing, and leaves capacity 0 out', () => {
    expect(fairnessOf([row(2, 2), row(4, 4)])).toBe(1);
    expect(fairnessOf([row(4, 4), row(0, 4, 'online')])).toBeCloseTo(0.5);
    expect(fairnessOf([row(4, 4), row(0, 4, 'offline')])).toBe(1);
    expect(fairnessOf([row(4, 4), row(3, 0)])).toBe(1);
    expect(fairnessOf([row(0, 4, 'online')])).toBeNull();
  });

  it('defaults to the week before now and refuses more than 92 days or from after to', async () => {
    const now = new Date('2026-12-01T00:00:00.000Z');
    expect(await Effect.runPromise(reportPeriod({}, now))).toEqual({ from: new Date('2026-11-24T00:00:00.000Z'), to: now });
    const long = await Effect.runPromiseExit(reportPeriod({ from: new Date('2026-08-30T23:59:59.999Z') }, now));
    expect(Exit.isFailure(long)).toBe(true);
    expect(Exit.isSuccess(await Effect.runPromiseExit(reportPeriod({ from: new Date('2026-08-31T00:00:00.000Z') }, now)))).toBe(true);
    expect(Exit.isFailure(await Effect.runPromiseExit(reportPeriod({ from: now, to: new Date(now.getTime() - 1) }, now)))).toBe(true);
  });
});
