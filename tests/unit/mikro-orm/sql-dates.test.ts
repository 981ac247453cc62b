import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sqlDate } from '../../../adapters/mikro-orm/sql-statements.ts';

const mysqlText = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 23);

describe('sqlDate', () => {
  it('reads MySQL DATETIME(3) text as the UTC instant it stores', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62167219200000, max: 253402300799999 }), (ms) => {
        expect(sqlDate(mysqlText(ms)).getTime()).toBe(ms);
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads fractions of any length up to microseconds, and none', () => {
    expect(sqlDate('2026-11-21 08:00:00').toISOString()).toBe('2026-11-21T08:00:00.000Z');
    expect(sqlDate('2026-11-21 08:00:00.5').toISOString()).toBe('2026-11-21T08:00:00.500Z');
    expect(sqlDate('2026-11-21 08:00:00.123456').toISOString()).toBe('2026-11-21T08:00:00.123Z');
  });

  it('reads SQLite epoch milliseconds and passes Dates through', () => {
    const at = new Date('2026-11-21T08:00:00.000Z');
    expect(sqlDate(at.getTime()).getTime()).toBe(at.getTime());
    expect(sqlDate(at)).toBe(at);
  });
});
