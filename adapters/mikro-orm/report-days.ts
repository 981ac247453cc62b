import { breachedTargets } from '../../core/sla/ticket-sla.ts';
import type { Ticket } from '../../core/tickets/ticket.ts';
import type { SqlDialect } from './sql-session.ts';

/**
 * The rows of `report_days` a ticket counts in. Each is one of: `created`, `sla`, `breached` (on its creation
 * day); `assigned` (the day its current assignment began, per assignee); `wait` (the day of its first
 * assignment, by queue wait); `responded` (the day of its first response, per responder) with `first_response`
 * (by created → answered); `resolved` (the day it was resolved, per current assignee, '' for none) with
 * `resolution` (by created → resolved). The support report sums them over a period's whole days.
 */
export type ReportKind = 'created' | 'sla' | 'breached' | 'assigned' | 'wait' | 'responded' | 'first_response' | 'resolved' | 'resolution';

export interface DayCount {
  readonly day: number;
  readonly kind: ReportKind;
  readonly agentId: string;
  readonly bucket: number;
}

export const dayMs = 86_400_000;

/** The UTC day (days since the epoch) of an instant. */
export const dayOf = (at: Date | number): number => Math.floor((typeof at === 'number' ? at : at.getTime()) / dayMs);

/** 2^e ≤ ms < 2^(e+1), exactly (ms ≥ 1). */
const exponent = (ms: number): number => {
  const e = Math.floor(Math.log2(ms));
  return 2 ** e > ms ? e - 1 : 2 ** (e + 1) <= ms ? e + 1 : e;
};

/** A duration's histogram bucket: 0 for ≤ 0 ms, 1–3 for 1–3 ms, then four buckets per doubling. */
export const bucketOf = (ms: number): number => {
  if (ms < 4) return Math.max(0, Math.floor(ms));
  const e = exponent(ms);
  return 4 * (e - 1) + Math.floor(ms / 2 ** (e - 2)) - 4;
};

/** The smallest duration (ms) in a bucket; bucket 0 also holds everything below it. */
export const bucketFloor = (bucket: number): number => (bucket < 4 ? bucket : (4 + (bucket % 4)) * 2 ** (Math.floor(bucket / 4) - 1));

/** Every row a ticket counts in, once each. */
export const dayCounts = (t: Ticket): DayCount[] => {
  const counts: DayCount[] = [];
  const add = (at: Date, kind: ReportKind, agentId: string | null = '', bucket = 0) => counts.push({ day: dayOf(at), kind, agentId: agentId ?? '', bucket });
  add(t.createdAt, 'created');
  if (t.sla !== null) add(t.createdAt, 'sla');
  if (breachedTargets(t.sla).length > 0) add(t.createdAt, 'breached');
  if (t.assignedAt !== null && t.assignedAgentId !== null) add(t.assignedAt, 'assigned', t.assignedAgentId);
  if (t.firstAssignedAt !== null && t.waitMs !== null) add(t.firstAssignedAt, 'wait', '', bucketOf(t.waitMs));
  if (t.firstRespondedAt !== null) {
    add(t.firstRespondedAt, 'responded', t.firstResponderId);
    add(t.firstRespondedAt, 'first_response', '', bucketOf(t.firstRespondedAt.getTime() - t.createdAt.getTime()));
  }
  if (t.resolvedAt !== null) {
    add(t.resolvedAt, 'resolved', t.assignedAgentId);
    add(t.resolvedAt, 'resolution', '', bucketOf(t.resolvedAt.getTime() - t.createdAt.getTime()));
  }
  return counts;
};

const keyOf = (c: DayCount): string => `${String(c.day).padStart(8, '0')}\u0000${c.kind}\u0000${c.agentId}\u0000${String(c.bucket).padStart(4, '0')}`;

/** What a write changes in `report_days` (before: null for a new ticket), in key order so concurrent writers lock rows in one order. */
export const dayCountChanges = (before: Ticket | null, after: Ticket): ReadonlyArray<DayCount & { readonly n: number }> => {
  const changes = new Map<string, DayCount & { n: number }>();
  const count = (c: DayCount, n: number) => {
    const key = keyOf(c);
    const known = changes.get(key);
    if (known === undefined) changes.set(key, { ...c, n });
    else known.n += n;
  };
  if (before !== null) for (const c of dayCounts(before)) count(c, -1);
  for (const c of dayCounts(after)) count(c, 1);
  return [...changes.entries()].filter(([, c]) => c.n !== 0).sort(([a], [b]) => (a < b ? -1 : 1)).map(([, c]) => c);
};

/** One statement adding the changes to `report_days` (rows created as needed); params: tenant, day, kind, agent, bucket, n per row. */
export const dayCountsUpsert = (dialect: SqlDialect, rows: number): string => {
  const values = Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?)').join(', ');
  const insert = `insert into \`report_days\` (\`tenant_id\`, \`day\`, \`kind\`, \`agent_id\`, \`bucket\`, \`n\`) values ${values}`;
  return dialect === 'sqlite'
    ? `${insert} on conflict (\`tenant_id\`, \`day\`, \`kind\`, \`agent_id\`, \`bucket\`) do update set \`n\` = \`n\` + excluded.\`n\``
    : `${insert} on duplicate key update \`n\` = \`n\` + values(\`n\`)`;
};
