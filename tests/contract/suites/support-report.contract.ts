import { Effect } from 'effect';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../core/shared/unit-of-work.port.ts';
import { supportFigures, type ReportPeriod } from '../../../core/tickets/support-report.ts';
import type { Ticket, TicketStatus } from '../../../core/tickets/ticket.ts';
import { aCustomer, aStaffUser, aTenant, aTicket } from '../../support/ticket-builders.ts';
import type { ContractEnv, ContractEnvFactory } from '../contract-env.ts';

const base = Date.UTC(2026, 9, 1);
const minute = 60_000;
const at = (minutes: number) => new Date(base + minutes * minute);

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

/** The SQL report against the definitions computed by hand over the very same rows. */
export const supportReportContract = (makeEnv: ContractEnvFactory): void => {
  describe('SupportReports contract', () => {
    let env: ContractEnv;
    beforeAll(async () => {
      env = await makeEnv();
    });
    afterAll(async () => {
      await env.close();
    });
    const write = <A, E>(work: (store: Store) => Effect.Effect<A, E>) => Effect.runPromise(env.uow.transaction(work));

    it('counts and percentiles equal a brute-force computation over the same tickets, tenant by tenant', async () => {
      const [tenant, other] = [aTenant().build(), aTenant().build()];
      const agents = [aStaffUser(tenant.id).build(), aStaffUser(tenant.id).build(), aStaffUser(tenant.id).build()];
      const [customer, otherCustomer] = [aCustomer(tenant.id).build(), aCustomer(other.id).build()];
      const facts = fc.sample(fc.array(arbitraryFacts(agents.map((a) => a.id)), { minLength: 150, maxLength: 150 }), { numRuns: 1, seed: 16 })[0]!;
      const tickets: Ticket[] = facts.map((f) => {
        const created = at(f.created);
        const t = aTicket(tenant.id, customer.id).withStatus(f.status).createdAt(created).build();
        const sla = f.sla === 'none' ? null : { targets: { firstResponseMinutes: 10, resolutionMinutes: null }, businessHours: null, firstResponseDueAt: at(f.created + 10), resolutionDueAt: null, firstResponseBreachedAt: f.sla === 'breached' ? at(f.created + 10) : null, resolutionBreachedAt: null };
        return {
          ...t,
          assignedAgentId: f.agent,
          queuedAt: f.agent === null && f.queued && (f.status === 'open' || f.status === 'in_progress') ? created : null,
          sla,
          firstRespondedAt: f.response === null ? null : at(f.created + f.response),
          firstResponderId: f.response === null ? null : (f.responder ?? agents[0]!.id),
          resolvedAt: f.resolution === null || f.status !== 'resolved' ? null : new Date(created.getTime() + f.resolution * 1000 + 7),
          assignedAt: f.agent === null || f.assignedAfter === null ? null : at(f.created + f.assignedAfter),
          firstAssignedAt: f.assignedAfter === null ? null : at(f.created + f.assignedAfter),
          waitMs: f.assignedAfter === null ? null : f.waitMs,
        };
      });
      const foreign = tickets.slice(0, 20).map((t) => ({ ...aTicket(other.id, otherCustomer.id).build(), ...t, id: `${t.id}-x`, tenantId: other.id, customerId: otherCustomer.id }));
      await write((s) =>
        Effect.gen(function* () {
          for (const t of [tenant, other]) yield* s.tenants.insert(t);
          for (const a of agents) yield* s.users.insert(a);
          for (const c of [customer, otherCustomer]) yield* s.customers.insert(c);
          for (const t of [...tickets, ...foreign]) yield* s.tickets.insert(t);
        }),
      );
      const periods: ReportPeriod[] = [
        { from: at(0), to: at(3000) },
        { from: at(300), to: at(900) },
        { from: at(1999), to: at(1999) },
        { from: at(5000), to: at(6000) },
      ];
      for (const period of periods) {
        const figures = await Effect.runPromise(env.uow.read((s) => s.reports.figures(tenant.id, period)));
        expect(figures).toEqual(supportFigures(tickets, period));
      }
      const whole = await Effect.runPromise(env.uow.read((s) => s.reports.figures(tenant.id, periods[0]!)));
      expect(whole.ticketsCreated).toBe(150);
      expect(whole.firstResponseSeconds.p90).not.toBeNull();
    });

    it('takes the nearest rank: of 10 distinct waits, p50 is the 5th and p90 the 9th; of 11, the 6th and the 10th', async () => {
      for (const n of [10, 11]) {
        const tenant = aTenant().build();
        const customer = aCustomer(tenant.id).build();
        const tickets = Array.from({ length: n }, (_, i) => ({ ...aTicket(tenant.id, customer.id).createdAt(at(i)).build(), firstAssignedAt: at(i), waitMs: (n - i) * 1000 }));
        await write((s) => Effect.gen(function* () {
          yield* s.tenants.insert(tenant);
          yield* s.customers.insert(customer);
          for (const t of tickets) yield* s.tickets.insert(t);
        }));
        const figures = await Effect.runPromise(env.uow.read((s) => s.reports.figures(tenant.id, { from: at(0), to: at(100) })));
        expect(figures.waitSeconds).toEqual(n === 10 ? { p50: 5, p90: 9 } : { p50: 6, p90: 10 });
      }
    });
  });
};
