import type { BusinessHours } from '../../core/sla/business-hours.ts';
import type { SlaPolicy, SlaTargets } from '../../core/sla/sla-policy.ts';
import type { BusinessHoursBody, BusinessHoursDto, SlaPolicyBody, SlaPolicyDto } from './sla.schemas.ts';

const targetsJson = (t: SlaTargets) => ({ first_response_minutes: t.firstResponseMinutes, resolution_minutes: t.resolutionMinutes });

export const slaPolicyJson = (policy: SlaPolicy | null): typeof SlaPolicyDto.Type =>
  policy === null
    ? null
    : Object.fromEntries(Object.entries(policy).flatMap(([priority, targets]) => (targets === undefined ? [] : [[priority, targetsJson(targets)]])));

export const businessHoursJson = (hours: BusinessHours | null): typeof BusinessHoursDto.Type => hours;

type Targets = NonNullable<NonNullable<typeof SlaPolicyBody.Type>['low']>;

/** The request's policy in core terms; a priority or field left out (or null) has no target. */
export const slaPolicyOf = (body: typeof SlaPolicyBody.Type): SlaPolicy | null => {
  if (body === null) return null;
  const targets = (t: Targets | null | undefined): SlaTargets | undefined =>
    t === null || t === undefined ? undefined : { firstResponseMinutes: t.first_response_minutes ?? null, resolutionMinutes: t.resolution_minutes ?? null };
  return Object.fromEntries(
    (['low', 'medium', 'high'] as const).flatMap((p) => {
      const t = targets(body[p]);
      return t === undefined ? [] : [[p, t]];
    }),
  );
};

export const businessHoursOf = (body: typeof BusinessHoursBody.Type): BusinessHours | null =>
  body === null ? null : { timezone: body.timezone, week: body.week };
