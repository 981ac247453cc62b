import { Effect, Schema } from 'effect';
import type { SupportReport } from '../../core/tickets/get-support-report.use-case.ts';
import type { Percentiles } from '../../core/tickets/support-report.ts';
import type { HttpUseCases } from './http-deps.ts';
import { isoString } from './iso-date.ts';
import { validationFailed } from './http-problem.ts';
import { ok, staffRoute, type AnyRoute } from './route.ts';
import { Text } from './validation.ts';

const Timestamp = Schema.String.annotate({ format: 'date-time', description: 'ISO-8601 UTC with milliseconds' });
const PercentilesDto = Schema.Struct({ p50: Schema.NullOr(Schema.Number), p90: Schema.NullOr(Schema.Number) });

export const SupportReportDto = Schema.Struct({
  from: Timestamp,
  to: Timestamp,
  tickets_created: Schema.Int,
  tickets_resolved: Schema.Int,
  waiting_now: Schema.Int,
  wait_seconds: PercentilesDto,
  first_response_seconds: PercentilesDto,
  resolution_seconds: PercentilesDto,
  sla: Schema.Struct({ met: Schema.Int, breached: Schema.Int }),
  fairness_index: Schema.NullOr(Schema.Number),
  agents: Schema.Array(
    Schema.Struct({
      agent_id: Schema.String,
      name: Schema.String,
      assigned: Schema.Int,
      resolved: Schema.Int,
      first_response_seconds_p50: Schema.NullOr(Schema.Number),
      load_now: Schema.Int,
      capacity: Schema.Int,
    }),
  ),
}).annotate({ identifier: 'SupportReport' });

const Instant = Text(1, 40).annotate({ description: 'An ISO-8601 instant, e.g. 2026-11-21T08:00:00.000Z' });
export const ReportQuery = Schema.Struct({ from: Schema.optionalKey(Instant), to: Schema.optionalKey(Instant) });

export const instantPattern = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;

const instantOf = (path: string, text: string | undefined) => {
  if (text === undefined) return Effect.succeed(undefined);
  const ms = instantPattern.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(ms) ? Effect.fail(validationFailed([{ path, message: 'must be an ISO-8601 instant with a zone' }])) : Effect.succeed(new Date(ms));
};

const percentilesJson = (p: Percentiles) => ({ p50: p.p50, p90: p.p90 });

const reportJson = (r: SupportReport): typeof SupportReportDto.Type => ({
  from: isoString(r.period.from),
  to: isoString(r.period.to),
  tickets_created: r.ticketsCreated,
  tickets_resolved: r.ticketsResolved,
  waiting_now: r.waitingNow,
  wait_seconds: percentilesJson(r.waitSeconds),
  first_response_seconds: percentilesJson(r.firstResponseSeconds),
  resolution_seconds: percentilesJson(r.resolutionSeconds),
  sla: r.sla,
  fairness_index: r.fairnessIndex,
  agents: r.agents.map((a) => ({
    agent_id: a.agentId,
    name: a.name,
    assigned: a.assigned,
    resolved: a.resolved,
    first_response_seconds_p50: a.firstResponseSecondsP50,
    load_now: a.loadNow,
    capacity: a.capacity,
  })),
});

export const reportRoutes = (useCases: HttpUseCases): ReadonlyArray<AnyRoute> => [
  staffRoute({
    method: 'get',
    path: '/api/reports/support',
    tag: 'Reports',
    summary: 'Support report over a period of at most 92 days (admin)',
    action: 'reports.view',
    query: ReportQuery,
    success: { status: 200, description: 'The report', schema: SupportReportDto },
    errors: ['Forbidden', 'ValidationFailed', 'InvalidInput', 'NotFound', 'StoreUnavailable'],
    handle: ({ actor, query }) =>
      Effect.gen(function* () {
        const from = yield* instantOf('from', query.from);
        const to = yield* instantOf('to', query.to);
        const report = yield* useCases.getSupportReport.execute({ ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) }, actor);
        return ok(reportJson(report));
      }),
  }),
];
