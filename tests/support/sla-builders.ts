import fc from 'fast-check';
import { Result } from 'effect';
import { checkBusinessHours, weekdays, type BusinessHours, type Window } from '../../core/sla/business-hours.ts';

export const hhmm = (minute: number): string =>
  minute === 1440 ? '24:00' : `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** Mon–Fri 09:00–17:00 in a zone. */
export const officeHours = (timezone: string): BusinessHours => ({
  timezone,
  week: Object.fromEntries(weekdays.slice(0, 5).map((day) => [day, [['09:00', '17:00']] as const])),
});

export const allWeek = (timezone: string): BusinessHours => ({
  timezone,
  week: Object.fromEntries(weekdays.map((day) => [day, [['00:00', '24:00']] as const])),
});

export const zonesWithAndWithoutDst = ['UTC', 'Asia/Jakarta', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu'] as const;

/** A day's windows: sorted distinct 15-minute boundaries taken in pairs. */
const dayWindows = fc
  .uniqueArray(fc.integer({ min: 0, max: 96 }), { maxLength: 6 })
  .map((marks): Window[] => {
    const sorted = [...marks].sort((a, b) => a - b);
    const windows: Window[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) windows.push([hhmm(sorted[i]! * 15), hhmm(sorted[i + 1]! * 15)]);
    return windows;
  });

/** Any valid weekly schedule (at least one window) in a zone with or without DST. */
export const arbitraryBusinessHours: fc.Arbitrary<BusinessHours> = fc
  .record({ timezone: fc.constantFrom(...zonesWithAndWithoutDst), days: fc.array(dayWindows, { minLength: 7, maxLength: 7 }) })
  .filter(({ days }) => days.some((d) => d.length > 0))
  .map(({ timezone, days }) => {
    const hours = { timezone, week: Object.fromEntries(weekdays.map((day, i) => [day, days[i]!])) };
    const checked = checkBusinessHours(hours);
    if (Result.isFailure(checked)) throw new Error(`generated an invalid schedule: ${checked.failure.message}`);
    return checked.success;
  });

/** Instants over two years, DST changes included. */
export const arbitraryInstant = fc
  .integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) })
  .map((ms) => new Date(ms));
