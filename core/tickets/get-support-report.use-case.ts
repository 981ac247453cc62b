import { Effect } from 'effect';
import { authorize } from '../access/permissions.ts';
import type { Availability } from '../access/user.ts';
import { capacityOf, loadOf } from '../allocation/allocation.policy.ts';
import type { Actor } from '../shared/actor.ts';
import { type Forbidden, InvalidInput, NotFound, type StoreUnavailable } from '../shared/errors.ts';
import type { Clock } from '../shared/ports.ts';
import type { Store, UnitOfWork } from '../shared/unit-of-work.port.ts';
import { jainIndex, maxReportDays, type AgentActivity, type ReportPeriod, type SupportFigures } from './support-report.ts';

export interface SupportReportInput {
  readonly from?: Date;
  readonly to?: Date;
}

export interface AgentReportRow extends AgentActivity {
  readonly name: string;
  readonly availability: Availability;
  readonly loadNow: number;
  readonly capacity: number;
}

export interface SupportReport extends Omit<SupportFigures, 'agents'> {
  readonly period: ReportPeriod;
  readonly fairnessIndex: number | null;
  readonly agents: ReadonlyArray<AgentReportRow>;
}

const day = 86_400_000;

/** The period asked for: `to` defaults to now, `from` to a week before `to`; at most 92 days. */
export const reportPeriod = (input: SupportReportInput, now: Date): Effect.Effect<ReportPeriod, InvalidInput> => {
  const to = input.to ?? now;
  const from = input.from ?? new Date(to.getTime() - 7 * day);
  if (from > to) return Effect.fail(new InvalidInput({ path: 'from', message: 'must not be after to' }));
  if (to.getTime() - from.getTime() > maxReportDays * day) return Effect.fail(new InvalidInput({ path: 'to', message: `at most ${maxReportDays} days after from` }));
  return Effect.succeed({ from, to });
};

const idle = (agentId: string): AgentActivity => ({ agentId, assigned: 0, resolved: 0, firstResponseSecondsP50: null });

/** Active agents with their activity, then inactive agents that had some in the period. */
const agentRows = (store: Store, tenantId: string, activity: ReadonlyArray<AgentActivity>, defaultCapacity: number) =>
  Effect.gen(function* () {
    const byId = new Map(activity.map((a) => [a.agentId, a]));
    const pool = yield* store.agents.all(tenantId);
    const rows: AgentReportRow[] = pool.map((agent) => ({
      ...(byId.get(agent.agentId) ?? idle(agent.agentId)),
      name: agent.name,
      availability: agent.availability,
      loadNow: loadOf(agent),
      capacity: capacityOf(agent, defaultCapacity),
    }));
    const listed = new Set(pool.map((a) => a.agentId));
    for (const a of activity.filter((x) => !listed.has(x.agentId))) {
      const user = yield* store.users.get(tenantId, a.agentId);
      if (user === null || user.role !== 'agent') continue;
      // Inactive agents are out of the allocator's pool: their figures are what they did, not a load.
      rows.push({ ...a, name: user.name, availability: user.availability, loadNow: 0, capacity: capacityOf(user, defaultCapacity) });
    }
    return rows;
  });

/** Jain's index of assignments per capacity, over agents assigned something or online (capacity 0 left out). */
export const fairnessOf = (rows: ReadonlyArray<AgentReportRow>): number | null => {
  const counted = rows.filter((r) => r.capacity > 0 && (r.assigned > 0 || r.availability === 'online'));
  return counted.some((r) => r.assigned > 0) ? jainIndex(counted.map((r) => r.assigned / r.capacity)) : null;
};

/** The support report of the actor's tenant (admin only): volumes, waits, response and resolution times, SLA, fairness. */
export class GetSupportReportUseCase {
  readonly #deps: { readonly uow: UnitOfWork; readonly clock: Clock };

  constructor(deps: { readonly uow: UnitOfWork; readonly clock: Clock }) {
    this.#deps = deps;
  }

  /** Runs the use case; its failure type lists every expected (tagged) error. */
  execute(input: SupportReportInput, actor: Actor): Effect.Effect<SupportReport, Forbidden | InvalidInput | NotFound | StoreUnavailable> {
    const { uow, clock } = this.#deps;
    const { tenantId } = actor;
    return Effect.gen(function* () {
      yield* authorize(actor, 'reports.view');
      const period = yield* reportPeriod(input, clock.now());
      return yield* uow.read((store) =>
        Effect.gen(function* () {
          const tenant = yield* store.tenants.get(tenantId);
          if (tenant === null) return yield* Effect.fail(new NotFound({ entity: 'tenant' }));
          const { agents, ...figures } = yield* store.reports.figures(tenantId, period);
          const rows = yield* agentRows(store, tenantId, agents, tenant.settings.maxCustomersPerAgent);
          return { ...figures, period, fairnessIndex: fairnessOf(rows), agents: rows };
        }),
      );
    });
  }
}
