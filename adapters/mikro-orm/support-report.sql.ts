import type { SqlDialect } from './sql-session.ts';

/**
 * The support report's statements (see core/tickets/support-report.ts for what each figure covers). Every
 * figure is read from one covering index on columns the mapper writes with the ticket (the durations are
 * stored in ms), so no statement reads the table rows. A percentile is the k-th smallest value
 * (`order by … limit 1 offset …`, k the nearest rank, computed by the caller from the count). Two plans:
 * over a small period (`sort`) each figure reads its period index (`(tenant_id, when, …)`), sorting or
 * grouping the period's rows; over a large one (`ordered`) the value-ordered indexes are walked to the
 * k-th value in the period from the nearer end, and the per-agent figures are grouped in index order, so
 * nothing is sorted nor grouped in a temporary table (these walks read the tenant's whole history, which
 * a large period is most of). Both plans are the same figures on different indexes: they answer the same.
 */

export type Plan = 'sort' | 'ordered';

export interface Measure {
  /** The column that puts a ticket in the period. */
  readonly when: string;
  /** The stored duration (ms). */
  readonly value: string;
  /** `(tenant_id, when, value, …)`. */
  readonly periodIndex: string;
  /** `(tenant_id, value, when)`. */
  readonly orderIndex: string;
}

export const wait: Measure = { when: 'first_assigned_at', value: 'wait_ms', periodIndex: 'tickets_first_assigned_index', orderIndex: 'tickets_wait_order_index' };
export const firstResponse: Measure = {
  when: 'first_responded_at',
  value: 'first_response_ms',
  periodIndex: 'tickets_responded_index',
  orderIndex: 'tickets_response_order_index',
};
export const resolution: Measure = { when: 'resolved_at', value: 'resolution_ms', periodIndex: 'tickets_resolved_index', orderIndex: 'tickets_resolution_order_index' };

/** `tickets` read through the named index (the planners would otherwise sort, or pick an index that reads the rows). */
const ticketsBy = (dialect: SqlDialect, index: string): string =>
  dialect === 'sqlite' ? `\`tickets\` indexed by \`${index}\`` : `\`tickets\` force index (\`${index}\`)`;

const inPeriod = (column: string) => `\`tenant_id\` = ? and \`${column}\` between ? and ?`;
const measured = (m: Measure) => `${inPeriod(m.when)} and \`${m.value}\` is not null`;

/** One row: `created`, `with_sla`, `breached` (created in the period), `waited` (wait's count), `waiting`. */
export const countsStatement = (dialect: SqlDialect): string =>
  [
    'select `c`.`created`, `c`.`with_sla`, `c`.`breached`,',
    `(select count(*) from ${ticketsBy(dialect, wait.periodIndex)} where ${measured(wait)}) as \`waited\`,`,
    "(select count(*) from `tickets` where `tenant_id` = ? and `queued_at` is not null and `assigned_agent_id` is null and `status` in ('open', 'in_progress')) as `waiting`",
    'from (select count(*) as `created`, coalesce(sum(`sla_targeted`), 0) as `with_sla`, coalesce(sum(`sla_breached`), 0) as `breached`',
    `from ${ticketsBy(dialect, 'tickets_report_created_index')} where ${inPeriod('created_at')}) as \`c\``,
  ].join(' ');

/** The parameters of `countsStatement`, in order. */
export const countsParams = (tenantId: string, from: Date, to: Date): unknown[] => [tenantId, from, to, tenantId, tenantId, from, to];

/**
 * The k-th smallest value (ms) of a measure in the period, walked from the nearer end: ascending with
 * offset k − 1, or descending with offset n − k (the same value); params: tenant, from, to, offset.
 */
export const kthStatement = (dialect: SqlDialect, m: Measure, plan: Plan, descending: boolean): string =>
  `select \`${m.value}\` as \`v\` from ${ticketsBy(dialect, plan === 'sort' ? m.periodIndex : m.orderIndex)} where ${measured(m)} order by \`${m.value}\`${descending ? ' desc' : ''} limit 1 offset ?`;

/** First responses in the period per responder (a null responder is a group of its own); params: tenant, from, to. */
export const respondersStatement = (dialect: SqlDialect, plan: Plan): string =>
  `select \`first_responder_id\` as \`a\`, count(*) as \`c\` from ${ticketsBy(dialect, plan === 'sort' ? firstResponse.periodIndex : 'tickets_responder_order_index')} ` +
  `where ${measured(firstResponse)} group by \`first_responder_id\``;

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

/** Up to `limit` tickets created in the period (how large it is, without counting a large one); params: tenant, from, to, limit. */
export const sizeStatement = `select count(*) as \`n\` from (select 1 from \`tickets\` where ${inPeriod('created_at')} limit ?) as \`x\``;

const within = (column: string) => `\`${column}\` between ? and ?`;

/**
 * Per current assignee (a null one is a group of its own): `assigned` (the assignment began in the period)
 * and `resolved` (resolved in the period). `sort`: each from its period index, grouped in a temporary
 * table (params: tenant, from, to). `ordered`: one walk of the tenant's tickets in assignee order gives
 * these and, summed over the groups, every count of `countsStatement` (params: from, to six times, tenant).
 */
export const perAgentStatements = (dialect: SqlDialect, plan: Plan): { readonly assigned: string; readonly resolved: string } | { readonly everything: string } =>
  plan === 'sort'
    ? {
        assigned: `select \`assigned_agent_id\` as \`a\`, count(*) as \`c\` from ${ticketsBy(dialect, 'tickets_assigned_at_index')} where ${inPeriod('assigned_at')} group by \`assigned_agent_id\``,
        resolved: `select \`assigned_agent_id\` as \`a\`, count(*) as \`c\` from ${ticketsBy(dialect, resolution.periodIndex)} where ${inPeriod('resolved_at')} group by \`assigned_agent_id\``,
      }
    : {
        everything: [
          'select `assigned_agent_id` as `a`,',
          `coalesce(sum(case when ${within('assigned_at')} then 1 else 0 end), 0) as \`assigned\`,`,
          `coalesce(sum(case when ${within('resolved_at')} then 1 else 0 end), 0) as \`resolved\`,`,
          `coalesce(sum(case when ${within('created_at')} then 1 else 0 end), 0) as \`created\`,`,
          `coalesce(sum(case when ${within('created_at')} then \`sla_targeted\` else 0 end), 0) as \`with_sla\`,`,
          `coalesce(sum(case when ${within('created_at')} then \`sla_breached\` else 0 end), 0) as \`breached\`,`,
          `coalesce(sum(case when ${within('first_assigned_at')} and \`wait_ms\` is not null then 1 else 0 end), 0) as \`waited\`,`,
          "coalesce(sum(case when `assigned_agent_id` is null and `queued_at` is not null and `status` in ('open', 'in_progress') then 1 else 0 end), 0) as `waiting`",
          `from ${ticketsBy(dialect, 'tickets_report_index')} where \`tenant_id\` = ? group by \`assigned_agent_id\``,
        ].join(' '),
      };
