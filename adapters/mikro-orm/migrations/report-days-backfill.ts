// The statements that fill `report_days` from the tickets already stored (migration report_days, both
// dialects). Frozen with that migration: tests/integration/persistence/report-days.test.ts checks they give
// what the repository keeps on every write (adapters/mikro-orm/report-days.ts).

type Dialect = 'mysql' | 'sqlite';

/** Bucket b's smallest duration (ms): b for b < 4, then four buckets per doubling. */
const floorOf = (b: number): number => (b < 4 ? b : (4 + (b % 4)) * 2 ** (Math.floor(b / 4) - 1));

/** The bucket of a duration column, as one CASE over the bucket floors up to 2^53 ms. */
const bucket = (column: string): string => {
  const whens: string[] = [];
  let b = 0;
  for (; floorOf(b + 1) <= 2 ** 53; b++) whens.push(`when ${column} < ${floorOf(b + 1)} then ${b}`);
  return `(case ${whens.join(' ')} else ${b} end)`;
};

/** UTC days since the epoch: SQLite stores epoch ms, MySQL a UTC DATETIME. */
const day = (dialect: Dialect, column: string): string => (dialect === 'sqlite' ? `(\`${column}\` / 86400000)` : `(to_days(\`${column}\`) - 719528)`);

export const reportDaysBackfill = (dialect: Dialect): ReadonlyArray<string> => {
  const fill = (when: string, kind: string, agent: string, value: string, where: string) =>
    `insert into \`report_days\` (\`tenant_id\`, \`day\`, \`kind\`, \`agent_id\`, \`bucket\`, \`n\`) ` +
    `select \`tenant_id\`, ${day(dialect, when)}, '${kind}', ${agent}, ${value}, count(*) from \`tickets\` where ${where} group by 1, 2, 3, 4, 5`;
  return [
    fill('created_at', 'created', "''", '0', '1 = 1'),
    fill('created_at', 'sla', "''", '0', '`sla_targeted` = 1'),
    fill('created_at', 'breached', "''", '0', '`sla_breached` = 1'),
    fill('assigned_at', 'assigned', '`assigned_agent_id`', '0', '`assigned_at` is not null and `assigned_agent_id` is not null'),
    fill('first_assigned_at', 'wait', "''", bucket('`wait_ms`'), '`first_assigned_at` is not null and `wait_ms` is not null'),
    fill('first_responded_at', 'responded', "coalesce(`first_responder_id`, '')", '0', '`first_responded_at` is not null'),
    fill('first_responded_at', 'first_response', "''", bucket('`first_response_ms`'), '`first_responded_at` is not null'),
    fill('resolved_at', 'resolved', "coalesce(`assigned_agent_id`, '')", '0', '`resolved_at` is not null'),
    fill('resolved_at', 'resolution', "''", bucket('`resolution_ms`'), '`resolved_at` is not null'),
  ];
};
