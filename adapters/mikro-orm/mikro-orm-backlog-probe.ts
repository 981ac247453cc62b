import { Effect } from 'effect';
import { withEmptyLanes, type BacklogProbe, type OutboxBacklog, type QueueBacklog } from '../../core/shared/backlog-probe.port.ts';
import type { Stored } from '../../core/shared/errors.ts';
import type { SessionRunner } from './mikro-orm-outbox-feed.ts';
import { activeStatuses } from './mikro-orm-ticket.repository.ts';
import { sql } from './sql-effect.ts';
import { queryRows, type RawRow } from './sql-statements.ts';

// SQLite keeps datetimes as epoch ms; mysql2 answers Dates (UTC: the pool runs with forceUtcTimezone).
const dateOf = (value: unknown): Date | null =>
  value === null || value === undefined ? null : value instanceof Date ? value : new Date(typeof value === 'number' ? value : String(value));

const waitingWhere = `\`queued_at\` is not null and \`assigned_agent_id\` is null and \`status\` in (${activeStatuses.map((s) => `'${s}'`).join(', ')})`;

const queueStatement = (perTenant: boolean): string =>
  perTenant
    ? `select \`tenant_id\`, \`channel\` = 'qiscus' as \`platform\`, count(*) as \`waiting\`, min(\`queued_at\`) as \`oldest\` from \`tickets\` where ${waitingWhere} group by \`tenant_id\`, \`platform\``
    : `select \`channel\` = 'qiscus' as \`platform\`, count(*) as \`waiting\`, min(\`queued_at\`) as \`oldest\` from \`tickets\` where ${waitingWhere} group by \`platform\``;

const toBacklog = (row: RawRow, perTenant: boolean): QueueBacklog => ({
  lane: Number(row['platform']) === 1 ? 'platform' : 'native',
  tenantId: perTenant ? String(row['tenant_id']) : null,
  waiting: Number(row['waiting']),
  oldestQueuedAt: dateOf(row['oldest']),
});

/** The backlog figures in SQL: grouped counts over the waiting tickets, and the outbox's unpublished index. */
export class MikroOrmBacklogProbe implements BacklogProbe {
  readonly #run: SessionRunner;

  constructor(run: SessionRunner) {
    this.#run = run;
  }

  queues(perTenant: boolean): Stored<ReadonlyArray<QueueBacklog>> {
    return this.#run('read', (session) =>
      sql(() => queryRows(session, queueStatement(perTenant), [])).pipe(Effect.map((rows) => withEmptyLanes(rows.map((row) => toBacklog(row, perTenant))))),
    );
  }

  outbox(): Stored<OutboxBacklog> {
    return this.#run('read', (session) =>
      sql(async () => {
        const [count] = await queryRows(session, 'select count(*) as `unpublished` from `outbox` where `published_at` is null', []);
        const [oldest] = await queryRows(session, 'select `occurred_at` from `outbox` where `published_at` is null order by `sequence` limit 1', []);
        return { unpublished: Number(count?.['unpublished'] ?? 0), oldestOccurredAt: dateOf(oldest?.['occurred_at']) };
      }),
    );
  }
}
