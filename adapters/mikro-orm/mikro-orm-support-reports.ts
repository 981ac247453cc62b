import type { Stored } from '../../core/shared/errors.ts';
import type { SupportReports } from '../../core/tickets/report.port.ts';
import { p50, p90, type AgentActivity, type Percentiles, type ReportPeriod, type SupportFigures } from '../../core/tickets/support-report.ts';
import { bucketFloor, bucketOf, dayMs } from './report-days.ts';
import { sql } from './sql-effect.ts';
import type { SqlSession } from './sql-session.ts';
import { queryRows } from './sql-statements.ts';
import {
  bucketKthStatement,
  daysStatement,
  firstResponse,
  kthStatement,
  partialStatements,
  resolution,
  responderKthStatement,
  respondersMedianStatement,
  wait,
  waitingStatement,
  type Measure,
} from './support-report.sql.ts';

const count = (value: unknown): number => Number(value ?? 0);
const seconds = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value) / 1000);

/** The nearest rank of a percentile num/den among n values: the smallest r ≥ 1 with r·den ≥ n·num. */
const rank = (n: number, p: { readonly num: number; readonly den: number }): number => Math.max(1, Math.floor((n * p.num + p.den - 1) / p.den));

/** The k-th of n values from the nearer end: descending (offset n − k) when that is shorter than ascending (offset k − 1). */
const fromNearerEnd = (n: number, k: number): { readonly descending: boolean; readonly offset: number } =>
  n - k < k - 1 ? { descending: true, offset: n - k } : { descending: false, offset: k - 1 };

export interface SupportReportOptions {
  /** Up to how many measured tickets a percentile sorts the period's rows; above, it reads one histogram bucket's. */
  readonly sortUpTo?: number;
}

export const defaultSortUpTo = 10_000;

/** The whole UTC days of a period (null: none) and the instant ranges left at its ends. */
export const splitPeriod = (from: Date, to: Date): { readonly days: readonly [number, number] | null; readonly partial: ReadonlyArray<readonly [Date, Date]> } => {
  const [a, b] = [from.getTime(), to.getTime()];
  const [first, last] = [Math.ceil(a / dayMs), Math.floor((b + 1) / dayMs) - 1];
  if (first > last) return { days: null, partial: [[from, to]] };
  const ends: Array<readonly [number, number]> = [[a, first * dayMs - 1], [(last + 1) * dayMs, b]];
  return { days: [first, last], partial: ends.filter(([x, y]) => x <= y).map(([x, y]) => [new Date(x), new Date(y)] as const) };
};

type Histogram = Map<number, number>;

/** What the period holds, summed from its whole days and its partial ones. */
class Tally {
  created = 0;
  withSla = 0;
  breached = 0;
  readonly assigned = new Map<string, number>();
  /** Per responder / assignee; '' is none. */
  readonly responded = new Map<string, number>();
  readonly resolved = new Map<string, number>();
  readonly histograms: Record<Measure['kind'], Histogram> = { wait: new Map(), first_response: new Map(), resolution: new Map() };

  static add<K>(into: Map<K, number>, key: K, n: number): void {
    into.set(key, (into.get(key) ?? 0) + n);
  }

  day(kind: string, agent: string, bucket: number, n: number): void {
    if (kind === 'created') this.created += n;
    else if (kind === 'sla') this.withSla += n;
    else if (kind === 'breached') this.breached += n;
    else if (kind === 'assigned') Tally.add(this.assigned, agent, n);
    else if (kind === 'responded') Tally.add(this.responded, agent, n);
    else if (kind === 'resolved') Tally.add(this.resolved, agent, n);
    else if (kind === 'wait' || kind === 'first_response' || kind === 'resolution') Tally.add(this.histograms[kind], bucket, n);
  }

  measured(kind: Measure['kind'], value: unknown, agent?: unknown): void {
    Tally.add(this.histograms[kind], bucketOf(Number(value)), 1);
    if (kind === 'first_response') Tally.add(this.responded, agent === null || agent === undefined ? '' : String(agent), 1);
    if (kind === 'resolution') Tally.add(this.resolved, agent === null || agent === undefined ? '' : String(agent), 1);
  }
}

const total = (counts: ReadonlyMap<unknown, number>): number => [...counts.values()].reduce((a, b) => a + b, 0);

/** The support report computed in SQL (per-day counts, partial days and exact nearest-rank percentiles on covering indexes), on MySQL/MariaDB and SQLite. */
export class MikroOrmSupportReports implements SupportReports {
  readonly #session: SqlSession;
  readonly #sortUpTo: number;

  constructor(session: SqlSession, options: SupportReportOptions = {}) {
    this.#session = session;
    this.#sortUpTo = options.sortUpTo ?? defaultSortUpTo;
  }

  async #tally(tenantId: string, period: ReportPeriod): Promise<Tally> {
    const session = this.#session;
    const tally = new Tally();
    const { days, partial } = splitPeriod(period.from, period.to);
    if (days !== null) {
      for (const row of await queryRows(session, daysStatement, [tenantId, ...days])) tally.day(String(row['kind']), String(row['a']), count(row['bucket']), count(row['n']));
    }
    const statements = partialStatements(session.dialect);
    for (const [from, to] of partial) {
      const range = [tenantId, from, to];
      const [created] = await queryRows(session, statements.created, range);
      tally.created += count(created?.['created']);
      tally.withSla += count(created?.['with_sla']);
      tally.breached += count(created?.['breached']);
      for (const row of await queryRows(session, statements.assigned, range)) Tally.add(tally.assigned, String(row['a']), count(row['c']));
      for (const row of await queryRows(session, statements.wait, range)) tally.measured('wait', row['v']);
      for (const row of await queryRows(session, statements.firstResponse, range)) tally.measured('first_response', row['v'], row['a']);
      for (const row of await queryRows(session, statements.resolution, range)) tally.measured('resolution', row['v'], row['a']);
    }
    return tally;
  }

  /** The k-th smallest of a measure's n values in the period: sorted over a small period, else inside the histogram bucket that holds it. */
  async #kth(tenantId: string, period: ReportPeriod, m: Measure, histogram: Histogram, n: number, k: number): Promise<number | null> {
    const session = this.#session;
    if (n <= this.#sortUpTo) {
      const { descending, offset } = fromNearerEnd(n, k);
      return seconds((await queryRows(session, kthStatement(session.dialect, m, descending), [tenantId, period.from, period.to, offset]))[0]?.['v']);
    }
    let below = 0;
    for (const bucket of [...histogram.keys()].sort((a, b) => a - b)) {
      const inBucket = histogram.get(bucket) ?? 0;
      if (below + inBucket < k) {
        below += inBucket;
        continue;
      }
      const { descending, offset } = fromNearerEnd(inBucket, k - below);
      const low = bucket === 0 ? -(2 ** 53) : bucketFloor(bucket);
      const params = [tenantId, low, bucketFloor(bucket + 1), period.from, period.to, offset];
      return seconds((await queryRows(session, bucketKthStatement(session.dialect, m, descending), params))[0]?.['v']);
    }
    return null;
  }

  async #percentiles(tenantId: string, period: ReportPeriod, m: Measure, histogram: Histogram): Promise<Percentiles> {
    const n = total(histogram);
    if (n === 0) return { p50: null, p90: null };
    return { p50: await this.#kth(tenantId, period, m, histogram, n, rank(n, p50)), p90: await this.#kth(tenantId, period, m, histogram, n, rank(n, p90)) };
  }

  async #responderMedians(tenantId: string, period: ReportPeriod, responders: ReadonlyMap<string, number>): Promise<Map<string, number | null>> {
    const session = this.#session;
    const answered = total(responders);
    if (answered === 0) return new Map();
    if (answered <= this.#sortUpTo) {
      const rows = await queryRows(session, respondersMedianStatement(session.dialect), [tenantId, period.from, period.to]);
      return new Map(rows.map((row) => [String(row['a']), seconds(row['p50'])]));
    }
    const medians = new Map<string, number | null>();
    for (const [agentId, n] of responders) {
      if (agentId === '' || n === 0) continue;
      const { descending, offset } = fromNearerEnd(n, rank(n, p50));
      const params = [tenantId, agentId, period.from, period.to, offset];
      medians.set(agentId, seconds((await queryRows(session, responderKthStatement(session.dialect, descending), params))[0]?.['v']));
    }
    return medians;
  }

  figures(tenantId: string, period: ReportPeriod): Stored<SupportFigures> {
    return sql(async () => {
      const tally = await this.#tally(tenantId, period);
      const [waiting] = await queryRows(this.#session, waitingStatement, [tenantId]);
      const waitSeconds = await this.#percentiles(tenantId, period, wait, tally.histograms.wait);
      const firstResponseSeconds = await this.#percentiles(tenantId, period, firstResponse, tally.histograms.first_response);
      const resolutionSeconds = await this.#percentiles(tenantId, period, resolution, tally.histograms.resolution);
      const medians = await this.#responderMedians(tenantId, period, tally.responded);
      const of = (counts: ReadonlyMap<string, number>, agentId: string) => counts.get(agentId) ?? 0;
      const agents: AgentActivity[] = [...new Set([...tally.assigned.keys(), ...tally.resolved.keys(), ...tally.responded.keys()])]
        .filter((agentId) => agentId !== '' && of(tally.assigned, agentId) + of(tally.resolved, agentId) + of(tally.responded, agentId) > 0)
        .sort()
        .map((agentId) => ({
          agentId,
          assigned: of(tally.assigned, agentId),
          resolved: of(tally.resolved, agentId),
          firstResponseSecondsP50: medians.get(agentId) ?? null,
        }));
      return {
        ticketsCreated: tally.created,
        ticketsResolved: total(tally.resolved),
        waitingNow: count(waiting?.['n']),
        waitSeconds,
        firstResponseSeconds,
        resolutionSeconds,
        sla: { met: tally.withSla - tally.breached, breached: tally.breached },
        agents,
      };
    });
  }
}
