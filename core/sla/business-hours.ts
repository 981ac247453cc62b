import { Result } from 'effect';
import { InvalidInput } from '../shared/errors.ts';
import { canonicalZone } from './zone.ts';

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/** A window of a day, `["09:00", "17:00"]`; `"24:00"` may end one. */
export type Window = readonly [string, string];

/** A weekly schedule in an IANA time zone; an omitted day is closed. */
export interface BusinessHours {
  readonly timezone: string;
  readonly week: Readonly<Partial<Record<Weekday, ReadonlyArray<Window>>>>;
}

/** `HH:MM`: fixed width, fails within five characters. */
export const clockPattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of `HH:MM` (`24:00` allowed as an end), or null. */
export const minuteOfDay = (text: string, end: boolean): number | null => {
  if (end && text === '24:00') return 1440;
  const match = clockPattern.exec(text);
  return match === null ? null : Number(match[1]) * 60 + Number(match[2]);
};

const invalid = (path: string, message: string) => Result.fail(new InvalidInput({ path, message }));

const checkDay = (day: Weekday, windows: ReadonlyArray<Window>): Result.Result<void, InvalidInput> => {
  const spans: Array<readonly [number, number, number]> = [];
  for (const [index, window] of windows.entries()) {
    const path = `business_hours.week.${day}[${index}]`;
    const start = minuteOfDay(window[0], false);
    const end = minuteOfDay(window[1], true);
    if (start === null || end === null) return invalid(path, 'times are "HH:MM" (00:00 to 23:59; "24:00" may end a window)');
    if (end <= start) return invalid(path, 'a window ends after it starts');
    spans.push([start, end, index]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) {
    const [previous, next] = [spans[i - 1]!, spans[i]!];
    if (next[0] < previous[1]) return invalid(`business_hours.week.${day}[${next[2]}]`, 'windows of a day must not overlap');
  }
  return Result.void;
};

/** Validates a schedule (API.md "SLA"); the zone comes back in the zone database's spelling. */
export const checkBusinessHours = (hours: BusinessHours): Result.Result<BusinessHours, InvalidInput> =>
  Result.gen(function* () {
    const timezone = canonicalZone(hours.timezone);
    if (timezone === null) {
      return yield* invalid('business_hours.timezone', 'must be an IANA time zone name such as Asia/Jakarta or UTC (not an offset)');
    }
    for (const day of weekdays) yield* checkDay(day, hours.week[day] ?? []);
    const open = weekdays.filter((day) => (hours.week[day]?.length ?? 0) > 0);
    if (open.length === 0) return yield* invalid('business_hours.week', 'give at least one window');
    return { timezone, week: Object.fromEntries(open.map((day) => [day, hours.week[day]])) };
  });
