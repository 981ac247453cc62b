import type { SqlDialect } from './sql-session.ts';

/** The support report's statements (see core/tickets/support-report.ts for what each figure covers). */

/** Milliseconds from `a` to `b`: SQLite keeps datetimes as epoch ms, MySQL as DATETIME(3). */
const msBetween = (dialect: SqlDialect, a: string, b: string): string =>
  dialect === 'sqlite' ? `(\`${b}\` - \`${a}\`)` : `(timestampdiff(microsecond, \`${a}\`, \`${b}\`) div 1000)`;

const inPeriod = (column: string) => `\`tenant_id\` = ? and \`${column}\` between ? and ?`;

export const countsStatement = [
  'select',
  `(select count(*) from \`tickets\` where ${inPeriod('created_at')}) as \`created\`,`,
  `(select count(*) from \`tickets\` where ${inPeriod('resolved_at')}) as \`resolved\`,`,
  "(select count(*) from `tickets` where `tenant_id` = ? and `queued_at` is not null and `assigned_agent_id` is null and `status` in ('open', 'in_progress')) as `waiting`,",
  `(select count(*) from \`tickets\` where ${inPeriod('created_at')} and \`sla_policy\` is not null) as \`with_sla\`,`,
  `(select count(*) from \`tickets\` where \`tenant_id\` = ? and \`sla_breached\` = ? and \`created_at\` between ? and ?) as \`breached\``,
].join(' ');

/** The parameters of `countsStatement`, in order. */
export const countsParams = (tenantId: string, from: Date, to: Date): unknown[] => [
  ...[tenantId, from, to],
  ...[tenantId, from, to],
  tenantId,
  ...[tenantId, from, to],
  ...[tenantId, true, from, to],
];

// Nearest rank: the smallest row number r with r·den ≥ n·num (integers only, the same on both dialects).
const rankedPercentiles = 'min(case when `rn` * 2 >= `n` then `v` end) as `p50`, min(case when `rn` * 10 >= `n` * 9 then `v` end) as `p90`';

export interface Measure {
  /** The column that puts a ticket in the period. */
  readonly when: string;
  readonly from: string;
  readonly to: string;
}

export const resolution: Measure = { when: 'resolved_at', from: 'created_at', to: 'resolved_at' };
export const firstResponse: Measure = { when: 'first_responded_at', from: 'created_at', to: 'first_responded_at' };

const valuesOf = (dialect: SqlDialect, m: Measure | 'wait'): string =>
  m === 'wait'
    ? `select \`wait_ms\` as \`v\` from \`tickets\` where ${inPeriod('first_assigned_at')} and \`wait_ms\` is not null`
    : `select ${msBetween(dialect, m.from, m.to)} as \`v\` from \`tickets\` where ${inPeriod(m.when)}`;

/** p50 and p90 (ms) of one measure over the period; params: tenant, from, to. */
export const percentilesStatement = (dialect: SqlDialect, m: Measure | 'wait'): string =>
  `with \`r\` as (select \`v\`, row_number() over (order by \`v\`) as \`rn\`, count(*) over () as \`n\` from (${valuesOf(dialect, m)}) as \`x\`) ` +
  `select ${rankedPercentiles} from \`r\``;

/** Per first responder: the median first response (ms) in the period; params: tenant, from, to. */
export const responderStatement = (dialect: SqlDialect): string =>
  'with `r` as (select `a`, `v`, row_number() over (partition by `a` order by `v`) as `rn`, count(*) over (partition by `a`) as `n` ' +
  `from (select \`first_responder_id\` as \`a\`, ${msBetween(dialect, 'created_at', 'first_responded_at')} as \`v\` from \`tickets\` ` +
  `where ${inPeriod('first_responded_at')} and \`first_responder_id\` is not null) as \`x\`) ` +
  'select `a`, min(case when `rn` * 2 >= `n` then `v` end) as `p50` from `r` group by `a`';

/** Tickets per current assignee whose `column` falls in the period; params: tenant, from, to. */
export const perAgentStatement = (column: 'assigned_at' | 'resolved_at'): string =>
  `select \`assigned_agent_id\` as \`a\`, count(*) as \`c\` from \`tickets\` where ${inPeriod(column)} and \`assigned_agent_id\` is not null group by \`assigned_agent_id\``;
