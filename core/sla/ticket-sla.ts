import { addBusinessMinutes, addBusinessTime, businessTimeBetween, type Calendar } from './business-time.ts';
import type { SlaTargets } from './sla-policy.ts';

export const slaTargets = ['first_response', 'resolution'] as const;
export type SlaTarget = (typeof slaTargets)[number];

/** A ticket's SLA: the policy fixed when it was created, its due times and its breaches. */
export interface TicketSla {
  readonly targets: SlaTargets;
  readonly businessHours: Calendar;
  readonly firstResponseDueAt: Date | null;
  readonly resolutionDueAt: Date | null;
  readonly firstResponseBreachedAt: Date | null;
  readonly resolutionBreachedAt: Date | null;
}

/** What the clocks read off the ticket. */
export interface SlaClockState {
  readonly sla: TicketSla | null;
  readonly status: 'open' | 'in_progress' | 'resolved' | 'closed';
  readonly firstRespondedAt: Date | null;
  readonly createdAt: Date;
}

const dueAfter = (start: Date, minutes: number | null, calendar: Calendar): Date | null =>
  minutes === null ? null : addBusinessMinutes(start, minutes, calendar);

/** The SLA of a ticket created at `createdAt`; null when its priority has no target. */
export const startSla = (targets: SlaTargets | undefined, calendar: Calendar, createdAt: Date): TicketSla | null =>
  targets === undefined || (targets.firstResponseMinutes === null && targets.resolutionMinutes === null)
    ? null
    : {
        targets,
        businessHours: calendar,
        firstResponseDueAt: dueAfter(createdAt, targets.firstResponseMinutes, calendar),
        resolutionDueAt: dueAfter(createdAt, targets.resolutionMinutes, calendar),
        firstResponseBreachedAt: null,
        resolutionBreachedAt: null,
      };

/** The targets still running (not met, not breached, clock not stopped) with their due times. */
export const pendingTargets = (state: SlaClockState): ReadonlyArray<{ readonly target: SlaTarget; readonly dueAt: Date }> => {
  const sla = state.sla;
  if (sla === null || state.status === 'closed') return [];
  const pending: Array<{ target: SlaTarget; dueAt: Date }> = [];
  if (sla.firstResponseDueAt !== null && sla.firstResponseBreachedAt === null && state.firstRespondedAt === null) {
    pending.push({ target: 'first_response', dueAt: sla.firstResponseDueAt });
  }
  if (sla.resolutionDueAt !== null && sla.resolutionBreachedAt === null && state.status !== 'resolved') {
    pending.push({ target: 'resolution', dueAt: sla.resolutionDueAt });
  }
  return pending;
};

/** The earliest due time still running, or null: what the sweep and `due_soon` look at. */
export const nextDueAt = (state: SlaClockState): Date | null =>
  pendingTargets(state).reduce<Date | null>((min, p) => (min === null || p.dueAt < min ? p.dueAt : min), null);

export const breachedTargets = (sla: TicketSla | null): ReadonlyArray<SlaTarget> =>
  sla === null ? [] : slaTargets.filter((t) => (t === 'first_response' ? sla.firstResponseBreachedAt : sla.resolutionBreachedAt) !== null);

/** Records every running target whose due time is at or before `now`; the same SLA when none is. */
export const recordBreaches = (state: SlaClockState, now: Date): TicketSla | null => {
  const late = pendingTargets(state).filter((p) => p.dueAt.getTime() <= now.getTime());
  if (state.sla === null || late.length === 0) return state.sla;
  const breachedAt = (target: SlaTarget, current: Date | null) => (late.some((p) => p.target === target) ? now : current);
  return {
    ...state.sla,
    firstResponseBreachedAt: breachedAt('first_response', state.sla.firstResponseBreachedAt),
    resolutionBreachedAt: breachedAt('resolution', state.sla.resolutionBreachedAt),
  };
};

/** The targets breached in `after` and not in `before`: each is announced once. */
export const newBreaches = (before: TicketSla | null, after: TicketSla | null): ReadonlyArray<SlaTarget> => {
  const old = breachedTargets(before);
  return breachedTargets(after).filter((t) => !old.includes(t));
};

/** A reopened ticket's resolution clock runs on from where it stopped: the due time moves by the paused business time. */
export const resumeResolution = (sla: TicketSla | null, resolvedAt: Date | null, now: Date): TicketSla | null => {
  if (sla === null || sla.resolutionDueAt === null || resolvedAt === null) return sla;
  const paused = businessTimeBetween(resolvedAt, now, sla.businessHours);
  return paused === 0 ? sla : { ...sla, resolutionDueAt: addBusinessTime(sla.resolutionDueAt, paused, sla.businessHours) };
};
