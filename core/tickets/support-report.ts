import { breachedTargets } from '../sla/ticket-sla.ts';
import { isActive, type Ticket } from './ticket.ts';

/** What the support report counts, and over which tickets (API.md "Reports"). Both ends are inclusive. */
export interface ReportPeriod {
  readonly from: Date;
  readonly to: Date;
}

export const maxReportDays = 92;

/** Nearest-rank percentiles of durations, in seconds; null when nothing was measured. */
export interface Percentiles {
  readonly p50: number | null;
  readonly p90: number | null;
}

/** One agent's figures over the period (agents without any are left out). */
export interface AgentActivity {
  readonly agentId: string;
  /** Tickets whose current assignment to the agent began in the period. */
  readonly assigned: number;
  /** Tickets of the agent resolved in the period. */
  readonly resolved: number;
  /** First responses the agent sent in the period: median of created → answered. */
  readonly firstResponseSecondsP50: number | null;
}

export interface SupportFigures {
  /** Created in the period; `sla` counts these too. */
  readonly ticketsCreated: number;
  /** Resolved in the period; `resolutionSeconds` is created → resolved of these. */
  readonly ticketsResolved: number;
  /** Waiting in a queue now. */
  readonly waitingNow: number;
  /** Queued → first assigned, of tickets first assigned in the period (never-queued ones left out). */
  readonly waitSeconds: Percentiles;
  /** Created → first staff message, of tickets first answered in the period. */
  readonly firstResponseSeconds: Percentiles;
  readonly resolutionSeconds: Percentiles;
  /** `breached`: created in the period with a breach; `met`: the others with a target. */
  readonly sla: { readonly met: number; readonly breached: number };
  readonly agents: ReadonlyArray<AgentActivity>;
}

/** A percentile as a fraction num/den: the nearest rank is the smallest r with r·den ≥ n·num. */
export const p50 = { num: 1, den: 2 } as const;
export const p90 = { num: 9, den: 10 } as const;

/** Nearest-rank percentile of values in ms, as seconds. */
export const percentileSeconds = (values: ReadonlyArray<number>, p: { readonly num: number; readonly den: number }): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.floor((values.length * p.num + p.den - 1) / p.den);
  return sorted[Math.max(rank, 1) - 1]! / 1000;
};

const percentiles = (values: ReadonlyArray<number>): Percentiles => ({ p50: percentileSeconds(values, p50), p90: percentileSeconds(values, p90) });

const within = (at: Date | null, period: ReportPeriod): at is Date =>
  at !== null && at.getTime() >= period.from.getTime() && at.getTime() <= period.to.getTime();

const since = (from: Date, to: Date) => to.getTime() - from.getTime();

/** The figures computed straight from the tickets: the memory store's report and the reference the SQL one is tested against. */
export const supportFigures = (tickets: ReadonlyArray<Ticket>, period: ReportPeriod): SupportFigures => {
  const created = tickets.filter((t) => within(t.createdAt, period));
  const resolved = tickets.filter((t) => within(t.resolvedAt, period));
  const answered = tickets.filter((t) => within(t.firstRespondedAt, period));
  const waited = tickets.filter((t) => within(t.firstAssignedAt, period) && t.waitMs !== null);
  const withSla = created.filter((t) => t.sla !== null);
  const breached = withSla.filter((t) => breachedTargets(t.sla).length > 0).length;
  const agentIds = new Set(
    [...tickets.filter((t) => within(t.assignedAt, period)).map((t) => t.assignedAgentId), ...resolved.map((t) => t.assignedAgentId), ...answered.map((t) => t.firstResponderId)].filter(
      (id): id is string => id !== null,
    ),
  );
  const agents = [...agentIds].sort().map((agentId) => ({
    agentId,
    assigned: tickets.filter((t) => t.assignedAgentId === agentId && within(t.assignedAt, period)).length,
    resolved: resolved.filter((t) => t.assignedAgentId === agentId).length,
    firstResponseSecondsP50: percentileSeconds(
      answered.filter((t) => t.firstResponderId === agentId).map((t) => since(t.createdAt, t.firstRespondedAt!)),
      p50,
    ),
  }));
  return {
    ticketsCreated: created.length,
    ticketsResolved: resolved.length,
    waitingNow: tickets.filter((t) => isActive(t) && t.assignedAgentId === null && t.queuedAt !== null).length,
    waitSeconds: percentiles(waited.map((t) => t.waitMs!)),
    firstResponseSeconds: percentiles(answered.map((t) => since(t.createdAt, t.firstRespondedAt!))),
    resolutionSeconds: percentiles(resolved.map((t) => since(t.createdAt, t.resolvedAt!))),
    sla: { met: withSla.length - breached, breached },
    agents,
  };
};

/** Jain's fairness index (Σx)² / (n·Σx²); null when there is nothing to compare or nothing was assigned. */
export const jainIndex = (values: ReadonlyArray<number>): number | null => {
  const sum = values.reduce((a, b) => a + b, 0);
  const squares = values.reduce((a, b) => a + b * b, 0);
  return values.length === 0 || sum === 0 ? null : (sum * sum) / (values.length * squares);
};
