import fc from 'fast-check';
import type { ReportPeriod } from '../../core/tickets/support-report.ts';
import type { Ticket, TicketStatus } from '../../core/tickets/ticket.ts';
import { aTicket } from './ticket-builders.ts';

const base = Date.UTC(2026, 9, 1);
const minute = 60_000;
/** An instant `minutes` after the report fixtures' epoch. */
export const reportAt = (minutes: number): Date => new Date(base + minutes * minute);

/** Random tickets with every fact the report reads; few distinct values, so percentiles meet ties. */
const arbitraryFacts = (agents: ReadonlyArray<string>) =>
  fc.record({
    created: fc.integer({ min: 0, max: 2000 }),
    status: fc.constantFrom<TicketStatus>('open', 'in_progress', 'resolved', 'closed'),
    agent: fc.option(fc.constantFrom(...agents)),
    responder: fc.option(fc.constantFrom(...agents)),
    response: fc.option(fc.integer({ min: 0, max: 30 }).map((m) => m * 7)),
    resolution: fc.option(fc.integer({ min: 1, max: 600 })),
    assignedAfter: fc.option(fc.integer({ min: 0, max: 50 })),
    waitMs: fc.option(fc.integer({ min: 0, max: 20 }).map((n) => n * 1500)),
    sla: fc.constantFrom('none', 'met', 'breached'),
    queued: fc.boolean(),
  });

/** `count` tickets of one tenant and customer (deterministic for a seed), shared out among `agents`. */
export const randomReportTickets = (tenantId: string, customerId: string, agents: ReadonlyArray<string>, count: number, seed: number): Ticket[] =>
  fc.sample(fc.array(arbitraryFacts(agents), { minLength: count, maxLength: count }), { numRuns: 1, seed })[0]!.map((f) => {
    const created = reportAt(f.created);
    const t = aTicket(tenantId, customerId).withStatus(f.status).createdAt(created).build();
    const sla =
      f.sla === 'none'
        ? null
        : { targets: { firstResponseMinutes: 10, resolutionMinutes: null }, businessHours: null, firstResponseDueAt: reportAt(f.created + 10), resolutionDueAt: null, firstResponseBreachedAt: f.sla === 'breached' ? reportAt(f.created + 10) : null, resolutionBreachedAt: null };
    return {
      ...t,
      assignedAgentId: f.agent,
      queuedAt: f.agent === null && f.queued && (f.status === 'open' || f.status === 'in_progress') ? created : null,
      sla,
      firstRespondedAt: f.response === null ? null : reportAt(f.created + f.response),
      firstResponderId: f.response === null ? null : (f.responder ?? agents[0]!),
      resolvedAt: f.resolution === null || f.status !== 'resolved' ? null : new Date(created.getTime() + f.resolution * 1000 + 7),
      assignedAt: f.agent === null || f.assignedAfter === null ? null : reportAt(f.created + f.assignedAfter),
      firstAssignedAt: f.assignedAfter === null ? null : reportAt(f.created + f.assignedAfter),
      waitMs: f.assignedAfter === null ? null : f.waitMs,
    };
  });

/** Periods over `randomReportTickets`: all of it, a middle part, one minute, and after everything. */
export const reportPeriods: ReadonlyArray<ReportPeriod> = [
  { from: reportAt(0), to: reportAt(3000) },
  { from: reportAt(300), to: reportAt(900) },
  { from: reportAt(1999), to: reportAt(1999) },
  { from: reportAt(5000), to: reportAt(6000) },
];
