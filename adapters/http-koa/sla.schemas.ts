import { Schema } from 'effect';
import { weekdays } from '../../core/sla/business-hours.ts';
import { firstResponseMinutesLimit, resolutionMinutesLimit } from '../../core/sla/sla-policy.ts';
import { slaTargets } from '../../core/sla/ticket-sla.ts';
import { IntBetween, Text } from './validation.ts';

/** The SLA parts of settings and tickets (API.md "SLA"), in and out. */
const Timestamp = Schema.String.annotate({ format: 'date-time', description: 'ISO-8601 UTC with milliseconds' });

const targetsIn = Schema.Struct({
  first_response_minutes: Schema.optionalKey(Schema.NullOr(IntBetween(1, firstResponseMinutesLimit))),
  resolution_minutes: Schema.optionalKey(Schema.NullOr(IntBetween(1, resolutionMinutesLimit))),
});

export const SlaPolicyBody = Schema.NullOr(
  Schema.Struct({
    low: Schema.optionalKey(Schema.NullOr(targetsIn)),
    medium: Schema.optionalKey(Schema.NullOr(targetsIn)),
    high: Schema.optionalKey(Schema.NullOr(targetsIn)),
  }),
);

const Clock = Schema.String.pipe(Schema.check(Schema.isMaxLength(5))).annotate({ description: '"HH:MM"; "24:00" may end a window' });
const windows = Schema.Array(Schema.Tuple([Clock, Clock])).pipe(Schema.check(Schema.isMaxLength(48)));
const week = Object.fromEntries(weekdays.map((day) => [day, Schema.optionalKey(windows)])) as Record<
  (typeof weekdays)[number],
  Schema.optionalKey<typeof windows>
>;

const Zone = Text(1, 64).annotate({ description: 'An IANA zone name, e.g. Asia/Jakarta or UTC (not an offset)' });

export const BusinessHoursBody = Schema.NullOr(Schema.Struct({ timezone: Zone, week: Schema.Struct(week) }));

const targetsOut = Schema.Struct({
  first_response_minutes: Schema.NullOr(Schema.Int),
  resolution_minutes: Schema.NullOr(Schema.Int),
});

export const SlaPolicyDto = Schema.NullOr(
  Schema.Struct({ low: Schema.optionalKey(targetsOut), medium: Schema.optionalKey(targetsOut), high: Schema.optionalKey(targetsOut) }),
).annotate({ identifier: 'SlaPolicy' });

export const BusinessHoursDto = Schema.NullOr(Schema.Struct({ timezone: Schema.String, week: Schema.Struct(week) })).annotate({ identifier: 'BusinessHours' });

export const TicketSlaDto = Schema.NullOr(
  Schema.Struct({
    first_response_due_at: Schema.NullOr(Timestamp),
    first_responded_at: Schema.NullOr(Timestamp),
    resolution_due_at: Schema.NullOr(Timestamp),
    resolved_at: Schema.NullOr(Timestamp),
    breached: Schema.Array(Schema.Literals(slaTargets)),
  }),
).annotate({ identifier: 'TicketSla' });
