import { Effect } from 'effect';
import { raw } from '@mikro-orm/sql';
import type { AgentLoad, AgentPool } from '../../core/allocation/allocation.port.ts';
import type { Stored } from '../../core/shared/errors.ts';
import type { Page, PageRequest } from '../../core/shared/page.ts';
import { ReportedLoadEntity, TicketEntity, UserEntity } from './schema/entities.ts';
import { sql } from './sql-effect.ts';
import { pageFrom } from './sql-page.ts';
import { fresh, type SqlSession } from './sql-session.ts';
import { activeStatuses } from './mikro-orm-ticket.repository.ts';
import { toUser } from './mikro-orm-user.repository.ts';

export class MikroOrmAgentPool implements AgentPool {
  readonly #session: SqlSession;

  constructor(session: SqlSession) {
    this.#session = session;
  }

  all(tenantId: string): Stored<ReadonlyArray<AgentLoad>> {
    return this.#agents(tenantId, null, null);
  }

  list(tenantId: string, page: PageRequest): Stored<Page<AgentLoad>> {
    return this.#agents(tenantId, page.after, page.limit + 1).pipe(Effect.map((rows) => pageFrom(rows, page, (a) => a.agentId)));
  }

  reportLoad(tenantId: string, agentId: string, beyondOurs: number): Stored<void> {
    return sql(() =>
      this.#session.em
        .createQueryBuilder(ReportedLoadEntity)
        .insert({ tenantId, agentId, load: beyondOurs })
        .onConflict(['tenantId', 'agentId'])
        .merge(['load'])
        .execute('run'),
    ).pipe(Effect.asVoid);
  }

  #agents(tenantId: string, after: string | null, limit: number | null): Stored<ReadonlyArray<AgentLoad>> {
    const { em } = this.#session;
    return Effect.gen(function* () {
      const where = { tenantId, role: 'agent', active: true, ...(after === null ? {} : { id: { $gt: after } }) };
      const users = yield* sql(() => em.find(UserEntity, where, { ...fresh, orderBy: { id: 'asc' }, ...(limit === null ? {} : { limit }) }));
      if (users.length === 0) return [];
      const ids = users.map((u) => u.id);
      const counts = yield* sql(() =>
        em
          .createQueryBuilder(TicketEntity)
          .select(['assignedAgentId', raw('count(*) as active_tickets')])
          .where({ tenantId, assignedAgentId: { $in: ids }, status: { $in: [...activeStatuses] } })
          .groupBy('assignedAgentId')
          .execute<Array<{ assignedAgentId: string; active_tickets: number | string }>>('all'),
      );
      const reported = yield* sql(() => em.find(ReportedLoadEntity, { tenantId, agentId: { $in: ids } }, fresh));
      const active = new Map(counts.map((c) => [c.assignedAgentId, Number(c.active_tickets)]));
      const loads = new Map(reported.map((r) => [r.agentId, r.load]));
      return users.map(toUser).map(
        (user): AgentLoad => ({
          agentId: user.id,
          name: user.name,
          availability: user.availability,
          maxCustomers: user.maxCustomers,
          activeTickets: active.get(user.id) ?? 0,
          reportedLoad: loads.has(user.id) ? (active.get(user.id) ?? 0) + (loads.get(user.id) ?? 0) : null,
          lastAssignedAt: user.lastAssignedAt,
        }),
      );
    });
  }
}
