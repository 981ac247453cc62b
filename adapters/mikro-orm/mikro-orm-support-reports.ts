import { Effect } from 'effect';
import type { Stored } from '../../core/shared/errors.ts';
import type { SupportReports } from '../../core/tickets/report.port.ts';
import type { AgentActivity, Percentiles, ReportPeriod, SupportFigures } from '../../core/tickets/support-report.ts';
import { sql } from './sql-effect.ts';
import type { SqlSession } from './sql-session.ts';
import { queryRows, type RawRow } from './sql-statements.ts';
import { countsParams, countsStatement, firstResponse, perAgentStatement, percentilesStatement, resolution, responderStatement } from './support-report.sql.ts';

const count = (value: unknown): number => Number(value ?? 0);
const seconds = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value) / 1000);
const percentilesOf = (rows: RawRow[]): Percentiles => ({ p50: seconds(rows[0]?.['p50']), p90: seconds(rows[0]?.['p90']) });

/** The support report computed in SQL (counts, nearest-rank percentiles with window functions), on MySQL/MariaDB and SQLite. */
export class MikroOrmSupportReports implements SupportReports {
  readonly #session: SqlSession;

  constructor(session: SqlSession) {
    this.#session = session;
  }

  figures(tenantId: string, period: ReportPeriod): Stored<SupportFigures> {
    const session = this.#session;
    const { dialect } = session;
    const range = [tenantId, period.from, period.to];
    return sql(async () => {
      const [counts] = await queryRows(session, countsStatement, countsParams(tenantId, period.from, period.to));
      const waits = await queryRows(session, percentilesStatement(dialect, 'wait'), range);
      const responses = await queryRows(session, percentilesStatement(dialect, firstResponse), range);
      const resolutions = await queryRows(session, percentilesStatement(dialect, resolution), range);
      const assigned = await queryRows(session, perAgentStatement('assigned_at'), range);
      const resolved = await queryRows(session, perAgentStatement('resolved_at'), range);
      const responders = await queryRows(session, responderStatement(dialect), range);
      const agents = new Map<string, { -readonly [K in keyof AgentActivity]: AgentActivity[K] }>();
      const agent = (row: RawRow) => {
        const agentId = String(row['a']);
        const known = agents.get(agentId) ?? { agentId, assigned: 0, resolved: 0, firstResponseSecondsP50: null };
        agents.set(agentId, known);
        return known;
      };
      for (const row of assigned) agent(row).assigned = count(row['c']);
      for (const row of resolved) agent(row).resolved = count(row['c']);
      for (const row of responders) agent(row).firstResponseSecondsP50 = seconds(row['p50']);
      const breached = count(counts?.['breached']);
      return {
        ticketsCreated: count(counts?.['created']),
        ticketsResolved: count(counts?.['resolved']),
        waitingNow: count(counts?.['waiting']),
        waitSeconds: percentilesOf(waits),
        firstResponseSeconds: percentilesOf(responses),
        resolutionSeconds: percentilesOf(resolutions),
        sla: { met: count(counts?.['with_sla']) - breached, breached },
        agents: [...agents.values()].sort((a, b) => (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0)),
      };
    });
  }
}
