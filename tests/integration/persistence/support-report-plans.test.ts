import { Effect } from 'effect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MikroOrmSupportReports } from '../../../adapters/mikro-orm/mikro-orm-support-reports.ts';
import type { SwitchboardDatabase } from '../../../adapters/mikro-orm/open-database.ts';
import { reportDaysBackfill } from '../../../adapters/mikro-orm/migrations/report-days-backfill.ts';
import { sql } from '../../../adapters/mikro-orm/sql-effect.ts';
import { queryRows, runStatement } from '../../../adapters/mikro-orm/sql-statements.ts';
import { supportFigures } from '../../../core/tickets/support-report.ts';
import fc from 'fast-check';
import { arbitraryReportHistory, playReportHistory } from '../../support/report-histories.ts';
import { randomReportTickets, reportPeriods } from '../../support/report-builders.ts';
import { aCustomer, aStaffUser, aTenant, aTicket } from '../../support/ticket-builders.ts';
import { dialects, inTransaction } from './persistence-env.ts';

// The report's two plans for a percentile (sort the period's rows, or read the histogram bucket holding it in
// value order) on the same rows: both equal the brute-force figures. The contract suite covers the default
// (small periods sort). And the migration's backfill of `report_days` counts as every write does.
describe.each(dialects())('support report plans on $name', (dialect) => {
  let db: SwitchboardDatabase;
  beforeAll(async () => {
    await dialect.setup();
    db = await dialect.open();
  });
  afterAll(async () => {
    await db?.close();
    await dialect.teardown();
  });

  it('sorting and walking the value-ordered indexes give the brute-force figures, with another tenant’s rows interleaved', async () => {
    const [tenant, other] = [aTenant().build(), aTenant().build()];
    const agents = [aStaffUser(tenant.id).build(), aStaffUser(tenant.id).build(), aStaffUser(tenant.id).build(), aStaffUser(tenant.id).build()];
    const [customer, otherCustomer] = [aCustomer(tenant.id).build(), aCustomer(other.id).build()];
    const tickets = randomReportTickets(tenant.id, customer.id, agents.map((a) => a.id), 300, 61);
    const foreign = randomReportTickets(other.id, otherCustomer.id, agents.map((a) => a.id), 100, 62).map((t) => ({ ...t, id: `${t.id}-x` }));
    await inTransaction(db, (s) =>
      Effect.gen(function* () {
        for (const t of [tenant, other]) yield* s.tenants.insert(t);
        for (const a of agents) yield* s.users.insert(a);
        for (const c of [customer, otherCustomer]) yield* s.customers.insert(c);
        for (const t of [...tickets, ...foreign]) yield* s.tickets.insert(t);
      }),
    );
    for (const sortUpTo of [0, Number.MAX_SAFE_INTEGER]) {
      for (const period of reportPeriods) {
        const figures = await Effect.runPromise(db.uow.withSession('read', (session) => new MikroOrmSupportReports(session, { sortUpTo }).figures(tenant.id, period)));
        expect(figures).toEqual(supportFigures(tickets, period));
      }
    }
    const whole = supportFigures(tickets, reportPeriods[0]!);
    expect(whole.agents.filter((a) => a.firstResponseSecondsP50 !== null)).toHaveLength(agents.length);
    expect(whole.waitSeconds.p90).not.toBeNull();
  });

  it('both plans equal the figures computed from the tickets after any history, over any period (property)', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryReportHistory, async (history) => {
        const { tenantId, tickets, periods } = await playReportHistory(db.uow, history);
        for (const sortUpTo of [0, Number.MAX_SAFE_INTEGER]) {
          for (const period of periods) {
            const figures = await Effect.runPromise(db.uow.withSession('read', (session) => new MikroOrmSupportReports(session, { sortUpTo }).figures(tenantId, period)));
            expect(figures).toEqual(supportFigures(tickets, period));
          }
        }
      }),
      { numRuns: 20 },
    );
  }, 120_000);

  it('the migration’s backfill of report_days gives the counts every write keeps', async () => {
    for (const history of fc.sample(arbitraryReportHistory, { numRuns: 5, seed: 16 })) await playReportHistory(db.uow, history);
    const counts = 'select `tenant_id`, `day`, `kind`, `agent_id`, `bucket`, `n` from `report_days` where `n` <> 0 order by 1, 2, 3, 4, 5';
    const read = () => Effect.runPromise(db.uow.withSession('read', (session) => sql(() => queryRows(session, counts, []))));
    const kept = await read();
    expect(kept.length).toBeGreaterThan(20);
    await Effect.runPromise(
      db.uow.withSession('transaction', (session) =>
        sql(async () => {
          await runStatement(session, 'delete from `report_days`', []);
          for (const statement of reportDaysBackfill(dialect.name)) await runStatement(session, statement, []);
        }),
      ),
    );
    expect(await read()).toEqual(kept);
  });

  it('keeps the stored durations in step with the ticket: resolved, reopened, answered', async () => {
    const tenant = aTenant().build();
    const customer = aCustomer(tenant.id).build();
    const created = new Date('2026-10-01T00:00:00.000Z');
    const ticket = aTicket(tenant.id, customer.id).createdAt(created).build();
    const period = { from: created, to: new Date('2026-10-02T00:00:00.000Z') };
    const report = () => Effect.runPromise(db.uow.read((s) => s.reports.figures(tenant.id, period)));
    await inTransaction(db, (s) =>
      Effect.gen(function* () {
        yield* s.tenants.insert(tenant);
        yield* s.customers.insert(customer);
        yield* s.tickets.insert(ticket);
      }),
    );
    const resolved = { ...ticket, status: 'resolved' as const, resolvedAt: new Date(created.getTime() + 90_500), firstRespondedAt: new Date(created.getTime() + 4_250) };
    await inTransaction(db, (s) => s.tickets.update(resolved));
    expect(await report()).toMatchObject({ ticketsResolved: 1, resolutionSeconds: { p50: 90.5, p90: 90.5 }, firstResponseSeconds: { p50: 4.25, p90: 4.25 } });
    await inTransaction(db, (s) => s.tickets.update({ ...resolved, status: 'in_progress', resolvedAt: null }));
    expect(await report()).toMatchObject({ ticketsResolved: 0, resolutionSeconds: { p50: null, p90: null }, firstResponseSeconds: { p50: 4.25 } });
  });
});
