import { Effect } from 'effect';
import type { Stored } from '../../core/shared/errors.ts';
import type { TenantDirectory } from '../../core/tenancy/tenant-directory.port.ts';
import type { SessionRunner } from './mikro-orm-outbox-feed.ts';
import { activeStatuses } from './mikro-orm-ticket.repository.ts';
import { TenantEntity, TicketEntity } from './schema/entities.ts';
import { sql } from './sql-effect.ts';
import { fresh } from './sql-session.ts';
import { queryRows } from './sql-statements.ts';

export class MikroOrmTenantDirectory implements TenantDirectory {
  readonly #run: SessionRunner;

  constructor(run: SessionRunner) {
    this.#run = run;
  }

  hasAny(): Stored<boolean> {
    return this.#run('read', ({ em }) => sql(() => em.find(TenantEntity, {}, { ...fresh, fields: ['id'], limit: 1 })).pipe(Effect.map((rows) => rows.length > 0)));
  }

  withWaitingTickets(): Stored<ReadonlyArray<string>> {
    return this.#run('read', ({ em }) =>
      sql(() =>
        em
          .createQueryBuilder(TicketEntity, 't')
          .select('t.tenantId', true)
          .where({ queuedAt: { $ne: null }, assignedAgentId: null, status: { $in: [...activeStatuses] } })
          .orderBy({ tenantId: 'asc' })
          .execute<Array<{ tenantId: string }>>('all'),
      ).pipe(Effect.map((rows) => rows.map((row) => row.tenantId))),
    );
  }

  withSlaDue(now: Date): Stored<ReadonlyArray<string>> {
    const statement = 'select distinct `tenant_id` from `tickets` where `sla_next_due_at` <= ? order by `tenant_id`';
    return this.#run('read', (session) =>
      sql(() => queryRows(session, statement, [now])).pipe(Effect.map((rows) => rows.map((row) => String(row['tenant_id'])))),
    );
  }
}
