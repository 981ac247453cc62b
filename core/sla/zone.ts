// The one library the core uses besides effect: the IANA zone rules (DST included) are data, not code to hand-write.
import { Temporal } from 'temporal-polyfill';

export const zoneNameStart = /^[A-Za-z]/;

/** The zone's id as the zone database spells it, or null for an unknown name or a UTC offset. */
export const canonicalZone = (name: string): string | null => {
  if (!zoneNameStart.test(name)) return null;
  try {
    const id = Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(name).timeZoneId;
    return /^[+-]/.test(id) ? null : id;
  } catch {
    return null;
  }
};

/** A calendar day in a zone: the days are walked with `nextDay`, their windows placed with `instantAt`. */
export interface LocalDay {
  readonly date: Temporal.PlainDate;
  /** 1 = Monday … 7 = Sunday. */
  readonly dayOfWeek: number;
}

const day = (date: Temporal.PlainDate): LocalDay => ({ date, dayOfWeek: date.dayOfWeek });

export const localDayOf = (epochMs: number, timezone: string): LocalDay =>
  day(Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timezone).toPlainDate());

export const nextDay = (local: LocalDay): LocalDay => day(local.date.add({ days: 1 }));

/**
 * The instant of a wall-clock minute of the day (1440 = the next midnight). A time skipped by DST is the
 * moment of the jump (the clock passes it there); a repeated one is its first occurrence. Either way the
 * boundaries keep their order, so windows never overlap and count only time that really passes.
 */
export const instantAt = (local: LocalDay, minute: number, timezone: string): number => {
  const date = minute >= 1440 ? local.date.add({ days: 1 }) : local.date;
  const plainTime = new Temporal.PlainTime(Math.floor((minute % 1440) / 60), minute % 60);
  const wall = date.toPlainDateTime(plainTime);
  const at = wall.toZonedDateTime(timezone, { disambiguation: 'earlier' });
  if (at.hour === plainTime.hour && at.minute === plainTime.minute) return at.epochMilliseconds;
  // A skipped time: 'later' lies past the gap, and the jump is the transition just before it.
  const after = wall.toZonedDateTime(timezone, { disambiguation: 'later' });
  return (after.add({ milliseconds: 1 }).getTimeZoneTransition('previous') ?? after).epochMilliseconds;
};
