import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween, businessTimeBetween } from '../../../core/sla/business-time.ts';
import { allWeek, arbitraryBusinessHours, arbitraryInstant, officeHours, zonesWithAndWithoutDst } from '../../support/sla-builders.ts';

const minutes = fc.integer({ min: 0, max: 20_000 });
const hour = 3_600_000;
const utc = (iso: string) => new Date(iso);

describe('addBusinessMinutes and the elapsed business time (properties)', () => {
  it('a due time is never before its start', () => {
    fc.assert(fc.property(arbitraryInstant, minutes, arbitraryBusinessHours, (start, m, hours) => addBusinessMinutes(start, m, hours) >= start));
  });

  it('adding in two steps equals adding at once', () => {
    fc.assert(
      fc.property(arbitraryInstant, minutes, minutes, arbitraryBusinessHours, (start, a, b, hours) => {
        expect(addBusinessMinutes(addBusinessMinutes(start, a, hours), b, hours)).toEqual(addBusinessMinutes(start, a + b, hours));
      }),
    );
  });

  it('the business time from start to start + m is m', () => {
    fc.assert(
      fc.property(arbitraryInstant, minutes, arbitraryBusinessHours, (start, m, hours) => {
        expect(businessMinutesBetween(start, addBusinessMinutes(start, m, hours), hours)).toBe(m);
      }),
    );
  });

  it('elapsed business time never exceeds real time, and is additive', () => {
    fc.assert(
      fc.property(arbitraryInstant, arbitraryInstant, arbitraryInstant, arbitraryBusinessHours, (x, y, z, hours) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p.getTime() - q.getTime()) as [Date, Date, Date];
        const ab = businessTimeBetween(a, b, hours);
        expect(ab).toBeLessThanOrEqual(b.getTime() - a.getTime());
        expect(ab + businessTimeBetween(b, c, hours)).toBe(businessTimeBetween(a, c, hours));
      }),
      { numRuns: 40 },
    );
  });

  it('a 24×7 calendar in any zone is plain minutes, DST days included', () => {
    fc.assert(
      fc.property(arbitraryInstant, minutes, fc.constantFrom(...zonesWithAndWithoutDst), (start, m, zone) => {
        expect(addBusinessMinutes(start, m, allWeek(zone))).toEqual(new Date(start.getTime() + m * 60_000));
        expect(addBusinessMinutes(start, m, null)).toEqual(new Date(start.getTime() + m * 60_000));
      }),
    );
  });
});

describe('DST days', () => {
  it.each([
    ['Europe/Berlin', '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z', 23],
    ['Europe/Berlin', '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z', 25],
    ['America/New_York', '2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z', 23],
    ['America/New_York', '2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z', 25],
    ['Asia/Jakarta', '2026-03-28T17:00:00Z', '2026-03-29T17:00:00Z', 24],
  ])('a whole local day in %s from %s is exactly the %s hours that really pass', (zone, from, to, hours) => {
    expect(businessTimeBetween(utc(from), utc(to), allWeek(zone))).toBe(hours * hour);
  });

  it('a window across the change counts the hours that really pass, never one more or less', () => {
    const night = (zone: string) => ({ timezone: zone, week: { sun: [['00:00', '04:00']] as const } });
    // Berlin 2026-03-29: 02:00 → 03:00 is skipped; 2026-10-25: 02:00–03:00 happens twice.
    expect(businessTimeBetween(utc('2026-03-28T12:00:00Z'), utc('2026-03-30T00:00:00Z'), night('Europe/Berlin'))).toBe(3 * hour);
    expect(businessTimeBetween(utc('2026-10-24T12:00:00Z'), utc('2026-10-26T00:00:00Z'), night('Europe/Berlin'))).toBe(5 * hour);
    expect(businessTimeBetween(utc('2026-03-07T12:00:00Z'), utc('2026-03-09T12:00:00Z'), night('America/New_York'))).toBe(3 * hour);
    expect(businessTimeBetween(utc('2026-10-31T12:00:00Z'), utc('2026-11-02T12:00:00Z'), night('America/New_York'))).toBe(5 * hour);
  });

  it('a window starting in the skipped hour starts when the clock jumps past it', () => {
    const late = { timezone: 'Europe/Berlin', week: { sun: [['02:30', '04:00']] as const } };
    // 2026-03-29 the clock jumps from 02:00 CET (01:00Z) to 03:00 CEST; 04:00 CEST is 02:00Z.
    expect(addBusinessMinutes(utc('2026-03-28T12:00:00Z'), 1, late)).toEqual(utc('2026-03-29T01:01:00Z'));
    expect(businessTimeBetween(utc('2026-03-28T12:00:00Z'), utc('2026-03-30T00:00:00Z'), late)).toBe(hour);
  });

  it('office hours keep 8 hours on the Mondays after a change, and due times keep their wall clock', () => {
    const berlin = officeHours('Europe/Berlin');
    // Friday 16:00 CET + 2 h → Monday 10:00 CEST (08:00Z), over the spring change.
    expect(addBusinessMinutes(utc('2026-03-27T15:00:00Z'), 120, berlin)).toEqual(utc('2026-03-30T08:00:00Z'));
    expect(businessTimeBetween(utc('2026-03-30T00:00:00Z'), utc('2026-03-31T00:00:00Z'), berlin)).toBe(8 * hour);
    const newYork = officeHours('America/New_York');
    // Friday 16:00 EDT + 2 h → Monday 10:00 EST (15:00Z), over the autumn change.
    expect(addBusinessMinutes(utc('2026-10-30T20:00:00Z'), 120, newYork)).toEqual(utc('2026-11-02T15:00:00Z'));
  });
});

describe('Asia/Jakarta (UTC+7, no DST)', () => {
  const jakarta = officeHours('Asia/Jakarta');

  it('counts 09:00–17:00 WIB on weekdays only', () => {
    // Monday 2026-11-23 09:00 WIB = 02:00Z.
    expect(addBusinessMinutes(utc('2026-11-23T02:00:00Z'), 480, jakarta)).toEqual(utc('2026-11-23T10:00:00Z'));
    // Friday 16:00 WIB + 2 h → Monday 10:00 WIB.
    expect(addBusinessMinutes(utc('2026-11-27T09:00:00Z'), 120, jakarta)).toEqual(utc('2026-11-30T03:00:00Z'));
    // A start on Saturday waits for Monday's opening.
    expect(addBusinessMinutes(utc('2026-11-28T05:00:00Z'), 30, jakarta)).toEqual(utc('2026-11-30T02:30:00Z'));
    expect(businessTimeBetween(utc('2026-11-27T17:00:00Z'), utc('2026-11-29T17:00:00Z'), jakarta)).toBe(0);
  });

  it('a week of office hours is 40 hours in every week of the year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 51 }), (week) => {
        const monday = new Date(Date.UTC(2026, 0, 4, 17) + week * 7 * 86_400_000); // Monday 00:00 WIB
        expect(businessTimeBetween(monday, new Date(monday.getTime() + 7 * 86_400_000), jakarta)).toBe(40 * hour);
      }),
    );
  });
});
