import { Effect } from 'effect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../core/shared/unit-of-work.port.ts';
import { supportFigures } from '../../../core/tickets/support-report.ts';
import { aCustomer, aStaffUser, aTenant, aTicket } from '../../support/ticket-builders.ts';
import { randomReportTickets, reportAt, reportPeriods } from '../../support/report-builders.ts';
import { arbitraryReportHistory, playReportHistory } from '../../support/report-histories.ts';
import fc from 'fast-check';
import type { ContractEnv, ContractEnvFactory } from '../contract-env.ts';

const at = reportAt;

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
      const tickets = randomReportTickets(tenant.id, customer.id, agents.map((a) => a.id), 150, 16);
      const foreign = tickets.slice(0, 20).map((t) => ({ ...aTicket(other.id, otherCustomer.id).build(), ...t, id: `${t.id}-x`, tenantId: other.id, customerId: otherCustomer.id }));
      await write((s) =>
        Effect.gen(function* () {
          for (const t of [tenant, other]) yield* s.tenants.insert(t);
          for (const a of agents) yield* s.users.insert(a);
          for (const c of [customer, otherCustomer]) yield* s.customers.insert(c);
          for (const t of [...tickets, ...foreign]) yield* s.tickets.insert(t);
        }),
      );
      for (const period of reportPeriods) {
        const figures = await Effect.runPromise(env.uow.read((s) => s.reports.figures(tenant.id, period)));
        expect(figures).toEqual(supportFigures(tickets, period));
      }
      const whole = await Effect.runPromise(env.uow.read((s) => s.reports.figures(tenant.id, reportPeriods[0]!)));
      expect(whole.ticketsCreated).toBe(150);
      expect(whole.firstResponseSeconds.p90).not.toBeNull();
    });

    it('equals the figures computed from the tickets after any history of changes, over any period (property)', async () => {
      await fc.assert(
        fc.asyncProperty(arbitraryReportHistory, async (history) => {
          const { tenantId, tickets, periods } = await playReportHistory(env.uow, history);
          for (const period of periods) {
            expect(await Effect.runPromise(env.uow.read((s) => s.reports.figures(tenantId, period)))).toEqual(supportFigures(tickets, period));
          }
        }),
        { numRuns: 25 },
      );
    }, 120_000);

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
