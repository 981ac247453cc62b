import type { Stored } from '../../core/shared/errors.ts';
import type { SupportReports } from '../../core/tickets/report.port.ts';
import { p50, p90, type AgentActivity, type Percentiles, type ReportPeriod, type SupportFigures } from '../../core/tickets/support-report.ts';
import { sql } from './sql-effect.ts';
import type { SqlSession } from './sql-session.ts';
import { queryRows } from './sql-statements.ts';
import {
  countsParams,
  countsStatement,
  firstResponse,
  kthStatement,
  perAgentStatements,
  resolution,
  responderKthStatement,
  respondersMedianStatement,
  respondersStatement,
  sizeStatement,
  wait,
  type Measure,
  type Plan,
} from './support-report.sql.ts';

const count = (value: unknown): number => Number(value ?? 0);
const seconds = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value) / 1000);

/** The nearest rank of a percentile num/den among n values: the smallest r ≥ 1 with r·den ≥ n·num. */
const rank = (n: number, p: { readonly num: number; readonly den: number }): number => Math.max(1, Math.floor((n * p.num + p.den - 1) / p.den));

/** The k-th of n values from the nearer end: descending (offset n − k) when that is shorter than ascending (offset k − 1). */
const fromNearerEnd = (n: number, k: number): { readonly descending: boolean; readonly offset: number } =>
  n - k < k - 1 ? { descending: true, offset: n - k } : { descending: false, offset: k - 1 };

export interface SupportReportOptions {
  /** Up to how many tickets (created in the period, or measured) a period counts as small: its rows are sorted and grouped. */
  readonly sortUpTo?: number;
}

/** Periods up to this many tickets sort their rows (a few ms); larger ones walk the ordered indexes. */
export const defaultSortUpTo = 10_000;

type Row = Readonly<Record<string, unknown>>;

/** Per agent (null: none) the figures of rows `{ a, [field]: count }`; `total` adds every group up, the null one too. */
const byAgent = (rows: ReadonlyArray<Row>, field: string): { readonly counts: Map<string, number>; readonly total: number } => {
  const counts = new Map<string, number>();
  let total = 0;
  for (const row of rows) {
    const c = count(row[field]);
    total += c;
    if (row['a'] !== null && row['a'] !== undefined) counts.set(String(row['a']), c);
  }
  return { counts, total };
};

/** The support report computed in SQL (counts and nearest-rank percentiles on covering indexes), on MySQL/MariaDB and SQLite. */
export class MikroOrmSupportReports implements SupportReports {
  readonly #session: SqlSession;
  readonly #sortUpTo: number;

  constructor(session: SqlSession, options: SupportReportOptions = {}) {
    this.#session = session;
    this.#sortUpTo = options.sortUpTo ?? defaultSortUpTo;
  }

  #plan(n: number): Plan {
    return n > this.#sortUpTo ? 'ordered' : 'sort';
  }

  figures(tenantId: string, period: ReportPeriod): Stored<SupportFigures> {
    const session = this.#session;
    const { dialect } = session;
    const { from, to } = period;
    const range = [tenantId, from, to];
    const kth = async (statement: (descending: boolean) => string, params: unknown[], n: number, k: number): Promise<number | null> => {
      const { descending, offset } = fromNearerEnd(n, k);
      return seconds((await queryRows(session, statement(descending), [...params, offset]))[0]?.['v']);
    };
    const percentiles = async (m: Measure, n: number): Promise<Percentiles> => {
      if (n === 0) return { p50: null, p90: null };
      const statement = (descending: boolean) => kthStatement(dialect, m, this.#plan(n), descending);
      return { p50: await kth(statement, range, n, rank(n, p50)), p90: await kth(statement, range, n, rank(n, p90)) };
    };
    /** The counts and the per-agent figures: from the counts statement and the period indexes, or all from one walk. */
    const countsAndAgents = async (plan: Plan) => {
      const statements = perAgentStatements(dialect, plan);
      if ('everything' in statements) {
        const rows = await queryRows(session, statements.everything, [...Array.from({ length: 6 }, () => [from, to]).flat(), tenantId]);
        const total = (field: string) => byAgent(rows, field).total;
        const counts = { created: total('created'), withSla: total('with_sla'), breached: total('breached'), waited: total('waited'), waiting: total('waiting') };
        return { counts, assigned: byAgent(rows, 'assigned'), resolved: byAgent(rows, 'resolved') };
      }
      const [row] = await queryRows(session, countsStatement(dialect), countsParams(tenantId, from, to));
      const counts = { created: count(row?.['created']), withSla: count(row?.['with_sla']), breached: count(row?.['breached']), waited: count(row?.['waited']), waiting: count(row?.['waiting']) };
      return {
        counts,
        assigned: byAgent(await queryRows(session, statements.assigned, range), 'c'),
        resolved: byAgent(await queryRows(session, statements.resolved, range), 'c'),
      };
    };
    const responderMedians = async (plan: Plan, responders: Map<string, number>, answered: number): Promise<Map<string, number | null>> => {
      if (answered === 0) return new Map();
      if (plan === 'sort') {
        const rows = await queryRows(session, respondersMedianStatement(dialect), range);
        return new Map(rows.map((row) => [String(row['a']), seconds(row['p50'])]));
      }
      const medians = new Map<string, number | null>();
      for (const [agentId, n] of responders) {
        medians.set(agentId, await kth((descending) => responderKthStatement(dialect, descending), [tenantId, agentId, from, to], n, rank(n, p50)));
      }
      return medians;
    };
    return sql(async () => {
      const [size] = await queryRows(session, sizeStatement, [...range, this.#sortUpTo + 1]);
      const plan = this.#plan(count(size?.['n']));
      const { counts, assigned, resolved } = await countsAndAgents(plan);
      const responders = byAgent(await queryRows(session, respondersStatement(dialect, plan), range), 'c');
      const waitSeconds = await percentiles(wait, counts.waited);
      const firstResponseSeconds = await percentiles(firstResponse, responders.total);
      const resolutionSeconds = await percentiles(resolution, resolved.total);
      const medians = await responderMedians(plan, responders.counts, responders.total);
      const agentIds = new Set([...assigned.counts.keys(), ...resolved.counts.keys(), ...responders.counts.keys()]);
      const agents: AgentActivity[] = [...agentIds]
        .filter((agentId) => (assigned.counts.get(agentId) ?? 0) + (resolved.counts.get(agentId) ?? 0) + (responders.counts.get(agentId) ?? 0) > 0)
        .sort()
        .map((agentId) => ({
          agentId,
          assigned: assigned.counts.get(agentId) ?? 0,
          resolved: resolved.counts.get(agentId) ?? 0,
          firstResponseSecondsP50: medians.get(agentId) ?? null,
        }));
      return {
        ticketsCreated: counts.created,
        ticketsResolved: resolved.total,
        waitingNow: counts.waiting,
        waitSeconds,
        firstResponseSeconds,
        resolutionSeconds,
        sla: { met: counts.withSla - counts.breached, breached: counts.breached },
        agents,
      };
    });
  }
}
