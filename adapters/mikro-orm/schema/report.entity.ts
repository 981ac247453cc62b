import { defineEntity, p } from '@mikro-orm/core';

/**
 * The support report's per-day counts (UTC days since the epoch), kept with every ticket write
 * (adapters/mikro-orm/report-days.ts says what each kind counts). `agent_id` is '' where a count is
 * not per agent; `bucket` is a duration's histogram bucket, 0 for plain counts.
 */
export const ReportDayEntity = defineEntity({
  name: 'ReportDayRow',
  tableName: 'report_days',
  properties: {
    tenantId: p.string().length(64).primary(),
    day: p.integer().primary(),
    kind: p.string().length(16).primary(),
    agentId: p.string().length(64).primary(),
    bucket: p.smallint().primary(),
    n: p.integer(),
  },
});
