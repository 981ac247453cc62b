import { Effect } from 'effect';
import fc from 'fast-check';
import type { Store, UnitOfWork } from '../../core/shared/unit-of-work.port.ts';
import type { ReportPeriod } from '../../core/tickets/support-report.ts';
import type { Ticket } from '../../core/tickets/ticket.ts';
import { aCustomer, aStaffUser, aTenant, aTicket } from './ticket-builders.ts';

// Random histories for the support report: tickets created, assigned, answered, resolved, reopened,
// breached, closed as time goes by (over several days, at any millisecond), each change written as the
// use cases write it. The report over any period must then equal the figures computed from the tickets.

const hour = 3_600_000;
const start = Date.UTC(2026, 9, 1, 5, 17, 3, 250);

type Step =
  | { readonly op: 'create'; readonly sla: 'none' | 'target'; readonly queued: boolean }
  | { readonly op: 'assign'; readonly ticket: number; readonly agent: number }
  | { readonly op: 'unassign' | 'resolve' | 'reopen' | 'close' | 'breach'; readonly ticket: number }
  | { readonly op: 'respond'; readonly ticket: number; readonly agent: number };

export interface ReportHistory {
  /** Each step after `advance` ms; `locked`: the writer read the ticket for update first; `twice`: a second step in the same unit. */
  readonly steps: ReadonlyArray<{ readonly advance: number; readonly step: Step; readonly locked: boolean; readonly twice: boolean }>;
  /** Where a period starts and how long it is, in per mille of the history's span and a day either side. */
  readonly periods: ReadonlyArray<readonly [number, number]>;
}

const ticketRef = fc.integer({ min: 0, max: 11 });
const agentRef = fc.integer({ min: 0, max: 2 });
const arbitraryStep: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('create' as const), sla: fc.constantFrom('none' as const, 'target' as const), queued: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('assign' as const), ticket: ticketRef, agent: agentRef }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('respond' as const), ticket: ticketRef, agent: agentRef }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constantFrom('unassign' as const, 'resolve' as const, 'reopen' as const, 'close' as const, 'breach' as const), ticket: ticketRef }) },
);

/** 5 to 40 steps, each 0 ms to 30 hours after the one before; periods in per mille of the history's span and a day either side. */
export const arbitraryReportHistory: fc.Arbitrary<ReportHistory> = fc.record({
  steps: fc.array(
    fc.record({
      advance: fc.oneof(fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 0, max: 30 * hour })),
      step: arbitraryStep,
      locked: fc.boolean(),
      twice: fc.boolean(),
    }),
    { minLength: 5, maxLength: 40 },
  ),
  periods: fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 })), { minLength: 1, maxLength: 4 }),
});

/** The ticket after a step at `now`; the same ticket when the step changes nothing. */
const apply = (t: Ticket, step: Step, now: Date, agents: ReadonlyArray<string>): Ticket => {
  const active = t.status === 'open' || t.status === 'in_progress';
  switch (step.op) {
    case 'create':
      return t;
    case 'assign': {
      if (t.status === 'closed') return t;
      const waitMs = t.firstAssignedAt !== null ? t.waitMs : t.queuedAt === null ? null : now.getTime() - t.queuedAt.getTime();
      return { ...t, assignedAgentId: agents[step.agent]!, assignedAt: now, firstAssignedAt: t.firstAssignedAt ?? now, waitMs, queuedAt: null, updatedAt: now };
    }
    case 'unassign':
      return t.assignedAgentId === null ? t : { ...t, assignedAgentId: null, assignedAt: null, queuedAt: active ? now : null, updatedAt: now };
    case 'respond':
      return t.firstRespondedAt !== null || t.status === 'closed' ? t : { ...t, firstRespondedAt: now, firstResponderId: agents[step.agent]!, updatedAt: now };
    case 'resolve':
      return active ? { ...t, status: 'resolved', resolvedAt: now, queuedAt: null, updatedAt: now } : t;
    case 'reopen':
      return t.status === 'resolved' ? { ...t, status: 'in_progress', resolvedAt: null, updatedAt: now } : t;
    case 'close':
      return t.status === 'closed' ? t : { ...t, status: 'closed', queuedAt: null, updatedAt: now };
    case 'breach':
      return t.sla === null || t.sla.firstResponseBreachedAt !== null || t.status === 'closed' ? t : { ...t, sla: { ...t.sla, firstResponseBreachedAt: now }, updatedAt: now };
  }
};

/**
 * Plays a history on a store (a tenant of its own, three agents, another tenant's copy of every write so
 * its rows interleave) and returns the tickets as they end and the periods to report on.
 */
export const playReportHistory = async (uow: UnitOfWork, history: ReportHistory): Promise<{ readonly tenantId: string; readonly tickets: ReadonlyArray<Ticket>; readonly periods: ReadonlyArray<ReportPeriod> }> => {
  const [tenant, other] = [aTenant().build(), aTenant().build()];
  const agents = [aStaffUser(tenant.id).build(), aStaffUser(tenant.id).build(), aStaffUser(tenant.id).build()];
  const [customer, otherCustomer] = [aCustomer(tenant.id).build(), aCustomer(other.id).build()];
  const run = <A>(work: (store: Store) => Effect.Effect<A, unknown>) => Effect.runPromise(uow.transaction(work) as Effect.Effect<A, never>);
  await run((s) =>
    Effect.gen(function* () {
      for (const t of [tenant, other]) yield* s.tenants.insert(t);
      for (const a of agents) yield* s.users.insert(a);
      for (const c of [customer, otherCustomer]) yield* s.customers.insert(c);
    }),
  );
  const agentIds = agents.map((a) => a.id);
  const tickets: Ticket[] = [];
  const mirror = (t: Ticket): Ticket => ({ ...t, id: `${t.id}-x`, tenantId: other.id, customerId: otherCustomer.id });
  let now = start;
  for (const { advance, step, locked, twice } of history.steps) {
    now += advance;
    const at = new Date(now);
    if (step.op === 'create') {
      const created = aTicket(tenant.id, customer.id).createdAt(at).build();
      const sla = step.sla === 'none' ? null : { targets: { firstResponseMinutes: 30, resolutionMinutes: null }, businessHours: null, firstResponseDueAt: new Date(now + 1_800_000), resolutionDueAt: null, firstResponseBreachedAt: null, resolutionBreachedAt: null };
      const ticket = { ...created, sla, queuedAt: step.queued ? at : null };
      tickets.push(ticket);
      await run((s) => Effect.andThen(s.tickets.insert(ticket), s.tickets.insert(mirror(ticket))));
      continue;
    }
    const index = step.ticket % Math.max(1, tickets.length);
    const before = tickets[index];
    if (before === undefined) continue;
    const once = apply(before, step, at, agentIds);
    const after = twice ? apply(once, { op: 'respond', ticket: index, agent: 1 }, at, agentIds) : once;
    if (after === before) continue;
    tickets[index] = after;
    await run((s) =>
      Effect.gen(function* () {
        for (const [id, tenantId, target, middle] of [[before.id, tenant.id, after, once], [`${before.id}-x`, other.id, mirror(after), mirror(once)]] as const) {
          if (locked) yield* s.tickets.get(tenantId, id, { forUpdate: true });
          if (twice && middle !== before) yield* s.tickets.update(middle);
          yield* s.tickets.update(target);
        }
      }),
    );
  }
  const [first, span] = [start - 24 * hour, now - start + 48 * hour];
  const at = (permille: number) => Math.round((span * permille) / 1000);
  const periods = [
    { from: new Date(first), to: new Date(first + Math.min(span, 92 * 24 * hour)) },
    ...history.periods.map(([offset, length]) => ({ from: new Date(first + at(offset)), to: new Date(first + at(offset) + Math.min(at(length), 92 * 24 * hour)) })),
  ];
  return { tenantId: tenant.id, tickets, periods };
};
