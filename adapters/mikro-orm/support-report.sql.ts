import type { SqlDialect } from './sql-session.ts';

/**
 * The support report's statements (see core/tickets/support-report.ts for what each figure covers). The
 * whole UTC days of a period are summed from `report_days` (kept with every ticket write); its partial
 * days, at most one at each end, are read from the period indexes (`(tenant_id, when, value, …)`, covering).
 * A percentile is the k-th smallest value, k the nearest rank: over a small period from a sort of its rows
 * (the period index), over a large one from the histogram's bucket holding rank k, whose rows alone are
 * read in value order (`(tenant_id, value, when)`), so it stays exact.
 */

export interface Measure {
  /** The column that puts a ticket in the period. */
  readonly when: string;
  /** The stored duration (ms). */
  readonly value: string;
  /** Its histogram in `report_days`. */
  readonly kind: 'wait' | 'first_response' | 'resolution';
  /** `(tenant_id, when, value, …)`. */
  readonly periodIndex: string;
  /** `(tenant_id, value, when)`. */
  readonly orderIndex: string;
}

export const wait: Measure = { when: 'first_assigned_at', value: 'wait_ms', kind: 'wait', periodIndex: 'tickets_first_assigned_index', orderIndex: 'tickets_wait_order_index' };
export const firstResponse: Measure = {
  when: 'first_responded_at',
  value: 'first_response_ms',
  kind: 'first_response',
  periodIndex: 'tickets_responded_index',
  orderIndex: 'tickets_response_order_index',
};
export const resolution: Measure = {
  when: 'resolved_at',
  value: 'resolution_ms',
  kind: 'resolution',
  periodIndex: 'tickets_resolved_index',
  orderIndex: 'tickets_resolution_order_index',
};

/** `tickets` read through the named index (the planners would otherwise sort, or pick an index that reads the rows). */
const ticketsBy = (dialect: SqlDialect, index: string): string =>
  dialect === 'sqlite' ? `\`tickets\` indexed by \`${index}\`` : `\`tickets\` force index (\`${index}\`)`;

const inPeriod = (column: string) => `\`tenant_id\` = ? and \`${column}\` between ? and ?`;
const measured = (m: Measure) => `${inPeriod(m.when)} and \`${m.value}\` is not null`;

/** The sums over whole days: `kind`, `a` (agent, '' for none), `bucket`, `n`; params: tenant, first day, last day. */
export const daysStatement =
  'select `kind`, `agent_id` as `a`, `bucket`, sum(`n`) as `n` from `report_days` where `tenant_id` = ? and `day` between ? and ? group by `kind`, `agent_id`, `bucket`';

/** A partial day's statements; params: tenant, from, to. */
export const partialStatements = (dialect: SqlDialect) => ({
  /** One row: `created`, `with_sla`, `breached`. */
  created:
    'select count(*) as `created`, coalesce(sum(`sla_targeted`), 0) as `with_sla`, coalesce(sum(`sla_breached`), 0) as `breached` ' +
    `from ${ticketsBy(dialect, 'tickets_report_created_index')} where ${inPeriod('created_at')}`,
  /** `a`, `c` per current assignee whose assignment began then. */
  assigned: `select \`assigned_agent_id\` as \`a\`, count(*) as \`c\` from ${ticketsBy(dialect, 'tickets_assigned_at_index')} where ${inPeriod('assigned_at')} and \`assigned_agent_id\` is not null group by \`assigned_agent_id\``,
  /** `v` per measured ticket, `a` its responder / assignee. */
  wait: `select \`wait_ms\` as \`v\` from ${ticketsBy(dialect, wait.periodIndex)} where ${measured(wait)}`,
  firstResponse: `select \`first_responder_id\` as \`a\`, \`first_response_ms\` as \`v\` from ${ticketsBy(dialect, firstResponse.periodIndex)} where ${measured(firstResponse)}`,
  resolution: `select \`assigned_agent_id\` as \`a\`, \`resolution_ms\` as \`v\` from ${ticketsBy(dialect, resolution.periodIndex)} where ${measured(resolution)}`,
});

/** Tickets waiting in a queue now; params: tenant. */
export const waitingStatement =
  "select count(*) as `n` from `tickets` where `tenant_id` = ? and `queued_at` is not null and `assigned_agent_id` is null and `status` in ('open', 'in_progress')";

/**
 * The k-th smallest value (ms) of a measure in the period from a sort of the period's rows, walked from the
 * nearer end: ascending with offset k − 1, or descending with offset n − k; params: tenant, from, to, offset.
 */
export const kthStatement = (dialect: SqlDialect, m: Measure, descending: boolean): string =>
  `select \`${m.value}\` as \`v\` from ${ticketsBy(dialect, m.periodIndex)} where ${measured(m)} order by \`${m.value}\`${descending ? ' desc' : ''} limit 1 offset ?`;

/**
 * The k-th smallest value (ms) of a measure in the period among those in [low, high), in value order from
 * the nearer end; params: tenant, low, high, from, to, offset.
 */
export const bucketKthStatement = (dialect: SqlDialect, m: Measure, descending: boolean): string =>
  `select \`${m.value}\` as \`v\` from ${ticketsBy(dialect, m.orderIndex)} where \`tenant_id\` = ? and \`${m.value}\` >= ? and \`${m.value}\` < ? ` +
  `and \`${m.when}\` between ? and ? order by \`${m.value}\`${descending ? ' desc' : ''} limit 1 offset ?`;

/** One responder's k-th smallest first response (ms) in the period, in value order from the nearer end; params: tenant, responder, from, to, offset. */
export const responderKthStatement = (dialect: SqlDialect, descending: boolean): string =>
  `select \`first_response_ms\` as \`v\` from ${ticketsBy(dialect, 'tickets_responder_order_index')} ` +
  `where \`tenant_id\` = ? and \`first_responder_id\` = ? and \`first_responded_at\` between ? and ? and \`first_response_ms\` is not null order by \`first_response_ms\`${descending ? ' desc' : ''} limit 1 offset ?`;

/** Per responder, the median first response (ms) in one sort of the period's rows; params: tenant, from, to. */
export const respondersMedianStatement = (dialect: SqlDialect): string =>
  'with `r` as (select `a`, `v`, row_number() over (partition by `a` order by `v`) as `rn`, count(*) over (partition by `a`) as `n` ' +
  `from (select \`first_responder_id\` as \`a\`, \`first_response_ms\` as \`v\` from ${ticketsBy(dialect, firstResponse.periodIndex)} ` +
  `where ${measured(firstResponse)} and \`first_responder_id\` is not null) as \`x\`) ` +
  'select `a`, min(case when `rn` * 2 >= `n` then `v` end) as `p50` from `r` group by `a`';
