import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoString } from '../../../adapters/http-koa/iso-date.ts';

describe('isoString', () => {
  it('writes what toISOString writes, for any instant of years 0..9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62167219200000, max: 253402300799999 }), (ms) => {
        expect(isoString(new Date(ms))).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 20_000 },
    );
  });

  it.each(['1970-01-01T00:00:00.000Z', '2000-02-29T23:59:59.999Z', '1900-03-01T00:00:00.001Z', '0000-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z', '1969-12-31T23:59:59.999Z'])(
    'round-trips %s',
    (text) => expect(isoString(new Date(text))).toBe(text),
  );

  it('leaves years beyond 9999 and invalid dates to toISOString', () => {
    expect(isoString(new Date('+010000-01-01T00:00:00.000Z'))).toBe('+010000-01-01T00:00:00.000Z');
    expect(() => isoString(new Date(Number.NaN))).toThrow(RangeError);
  });
});
