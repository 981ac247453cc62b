import { minuteOfDay, weekdays, type BusinessHours } from './business-hours.ts';
import { instantAt, localDayOf, nextDay, type LocalDay } from './zone.ts';

/** Business hours, or null: the clock always runs. */
export type Calendar = BusinessHours | null;

type Spans = ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
const parsed = new WeakMap<BusinessHours, Spans>();

/** Minute spans per ISO weekday (index 1 = Monday), sorted. */
const spansOf = (hours: BusinessHours): Spans => {
  const known = parsed.get(hours);
  if (known !== undefined) return known;
  const spans: Spans = [[], ...weekdays.map((day) =>
    (hours.week[day] ?? [])
      .map(([start, end]) => [minuteOfDay(start, false) ?? 0, minuteOfDay(end, true) ?? 0] as const)
      .filter(([start, end]) => end > start)
      .sort((a, b) => a[0] - b[0]),
  )];
  parsed.set(hours, spans);
  return spans;
};

/** How far the calendar is walked at most (about 270 years): past it a due time stays where the walk ended. */
const maxDays = 100_000;

/** The open intervals (epoch ms) from the day before `fromMs` on, in order. */
function* openIntervals(hours: BusinessHours, fromMs: number): Generator<readonly [number, number]> {
  const spans = spansOf(hours);
  let day: LocalDay = localDayOf(fromMs - 86_400_000, hours.timezone);
  for (let walked = 0; walked < maxDays; walked++) {
    for (const [start, end] of spans[day.dayOfWeek] ?? []) {
      const [open, close] = [instantAt(day, start, hours.timezone), instantAt(day, end, hours.timezone)];
      if (close > open) yield [open, close];
    }
    day = nextDay(day);
  }
}

const hasWindows = (hours: BusinessHours): boolean => spansOf(hours).some((day) => day.length > 0);

/** `start` plus `ms` of business time; a calendar without windows counts as always open. */
export const addBusinessTime = (start: Date, ms: number, calendar: Calendar): Date => {
  if (calendar === null || !hasWindows(calendar)) return new Date(start.getTime() + Math.max(0, ms));
  let remaining = ms;
  if (remaining <= 0) return start;
  const at = start.getTime();
  let reached = at;
  for (const [open, close] of openIntervals(calendar, at)) {
    if (close <= at) continue;
    const from = Math.max(open, at);
    if (close - from >= remaining) return new Date(from + remaining);
    remaining -= close - from;
    reached = close;
  }
  return new Date(reached);
};

/** The due time `minutes` of business time after `start`. */
export const addBusinessMinutes = (start: Date, minutes: number, calendar: Calendar): Date =>
  addBusinessTime(start, minutes * 60_000, calendar);

/** Business time (ms) between two instants; 0 when `to` is not after `from`. */
export const businessTimeBetween = (from: Date, to: Date, calendar: Calendar): number => {
  const [a, b] = [from.getTime(), to.getTime()];
  if (b <= a) return 0;
  if (calendar === null || !hasWindows(calendar)) return b - a;
  let total = 0;
  for (const [open, close] of openIntervals(calendar, a)) {
    if (open >= b) return total;
    total += Math.max(0, Math.min(close, b) - Math.max(open, a));
  }
  return total;
};

/** Business minutes between two instants (fractional). */
export const businessMinutesBetween = (from: Date, to: Date, calendar: Calendar): number =>
  businessTimeBetween(from, to, calendar) / 60_000;
