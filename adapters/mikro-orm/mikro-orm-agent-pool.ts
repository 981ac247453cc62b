import { Effect } from 'effect';
import type { AgentLoad, AgentPool } from '../../core/allocation/allocation.port.ts';
import type { Stored } from '../../core/shared/errors.ts';
import type { Page, PageRequest } from '../../core/shared/page.ts';
import { ReportedLoadEntity } from './schema/entities.ts';
import { sql } from './sql-effect.ts';
import { pageFrom } from './sql-page.ts';
import type { SqlSession } from './sql-session.ts';
import { queryRows } from './sql-statements.ts';
import { activeStatuses } from './mikro-orm-ticket.repository.ts';
import { userOfRaw } from './mikro-orm-user.repository.ts';

const activeIn = activeStatuses.map((status) => `'${status}'`).join(', ');

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

  // Hot (every allocation drain): hand-written, on `users_pool_index` and `tickets_agent_index`.
  #agents(tenantId: string, after: string | null, limit: number | null): Stored<ReadonlyArray<AgentLoad>> {
    const session = this.#session;
    return sql(async () => {
      const users = (
        await queryRows(
          session,
          "select * from `users` where `tenant_id` = ? and `role` = 'agent' and `active` = ?" + (after === null ? '' : ' and `id` > ?') + ' order by `id`' + (limit === null ? '' : ' limit ?'),
          [tenantId, true, ...(after === null ? [] : [after]), ...(limit === null ? [] : [limit])],
        )
      ).map(userOfRaw);
      if (users.length === 0) return [];
      const ids = users.map((u) => u.id);
      const marks = ids.map(() => '?').join(', ');
      const counts = await queryRows(
        session,
        `select \`assigned_agent_id\`, count(*) as \`active_tickets\` from \`tickets\` where \`tenant_id\` = ? and \`assigned_agent_id\` in (${marks}) and \`status\` in (${activeIn}) group by \`assigned_agent_id\``,
        [tenantId, ...ids],
      );
      const reported = await queryRows(session, `select \`agent_id\`, \`load\` from \`reported_loads\` where \`tenant_id\` = ? and \`agent_id\` in (${marks})`, [tenantId, ...ids]);
      const active = new Map(counts.map((c) => [String(c['assigned_agent_id']), Number(c['active_tickets'])]));
      const loads = new Map(reported.map((r) => [String(r['agent_id']), Number(r['load'])]));
      return users.map(
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
