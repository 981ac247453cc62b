import { randomBytes, randomUUID } from 'node:crypto';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import mysql from 'mysql2/promise';

/** One connection of a bare driver: `?` statements, rows back; nothing else. */
interface Bare {
  readonly dialect: 'mysql' | 'sqlite';
  run(sql: string, params?: ReadonlyArray<unknown>): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

export interface IntakeFloor {
  readonly webhooks: number;
  /** Intake + allocation per second, one connection, one after the other. */
  readonly perSecond: number;
  /** The intake statements alone, per second. */
  readonly intakePerSecond: number;
  readonly intakeP99Ms: number;
}

const sqliteValue = (v: unknown) => (v instanceof Date ? v.getTime() : typeof v === 'boolean' ? Number(v) : v === undefined ? null : v);

const bareMysql = async (url: string): Promise<Bare> => {
  const conn = await mysql.createConnection({ uri: url, timezone: 'Z', charset: 'utf8mb4' });
  await conn.query("set session transaction isolation level read committed");
  return { dialect: 'mysql', run: async (sql, params = []) => (await conn.query(sql, [...params]))[0] as never, close: () => conn.end() };
};

const bareSqlite = (path: string): Bare => {
  const db = new DatabaseSync(path);
  db.exec('pragma journal_mode = wal; pragma synchronous = normal');
  const cache = new Map<string, { readonly reader: boolean; readonly statement: StatementSync }>();
  return {
    dialect: 'sqlite',
    run: async (sql, params = []) => {
      let prepared = cache.get(sql);
      if (prepared === undefined) {
        const statement = db.prepare(sql);
        cache.set(sql, (prepared = { reader: statement.columns().length > 0, statement }));
      }
      const values = params.map(sqliteValue) as SQLInputValue[];
      return prepared.reader ? (prepared.statement.all(...values) as never) : (prepared.statement.run(...values), []);
    },
    close: async () => db.close(),
  };
};

const percentile = (sorted: ReadonlyArray<number>, p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

/**
 * The floor of a channel webhook: the statements the app sends for a new customer's first message (channel
 * by key, delivery check, tenant, customer, active ticket, ticket, message, outbox and event-log rows,
 * delivery record) and then the allocator's for that ticket (tenant lock, agents and loads, queue head,
 * ticket lock, updates, outbox and event-log rows), from a bare mysql2 / node:sqlite connection on a
 * migrated database of its own: no HTTP, ORM, Effect or jobs.
 */
export const runIntakeFloor = async (target: { readonly mysqlUrl: string } | { readonly sqlitePath: string }, webhooks: number, agents = 10): Promise<IntakeFloor> => {
  const db = 'mysqlUrl' in target ? await bareMysql(target.mysqlUrl) : bareSqlite(target.sqlitePath);
  const lock = db.dialect === 'mysql' ? ' for update' : '';
  const bump =
    'insert into `event_counters` (`tenant_id`, `stream`, `last`) values (?, ?, ?) ' +
    (db.dialect === 'mysql' ? 'on duplicate key update `last` = `last` + ?' : 'on conflict (`tenant_id`, `stream`) do update set `last` = `last` + ?');
  const counter = '(select `last` from `event_counters` where `tenant_id` = ? and `stream` = ?)';
  const logEvent = async (tenantId: string, ticketId: string, type: string, at: Date, data: object) => {
    await db.run(bump, [tenantId, '', 1, 1]);
    await db.run(bump, [tenantId, ticketId, 1, 1]);
    await db.run(
      `insert into \`events\` (\`tenant_id\`, \`position\`, \`event_id\`, \`type\`, \`ticket_id\`, \`sequence\`, \`occurred_at\`, \`data\`) select ?, ${counter} - 0, ?, ?, ?, ${counter} - 0, ?, ?`,
      [tenantId, tenantId, '', randomUUID(), type, ticketId, tenantId, ticketId, at, JSON.stringify(data)],
    );
  };
  const outbox = (tenantId: string, type: string, at: Date, payload: object) =>
    db.run('insert into `outbox` (`id`, `tenant_id`, `type`, `payload`, `occurred_at`, `published_at`, `leased_until`) values (?, ?, ?, ?, ?, null, null)', [randomUUID(), tenantId, type, JSON.stringify(payload), at]);
  try {
    const t0 = new Date();
    const tenantId = randomUUID();
    const channel = { id: randomUUID(), key: `floor-${randomBytes(8).toString('hex')}` };
    await db.run('insert into `tenants` (`id`, `name`, `max_customers_per_agent`, `auto_assign`, `created_at`, `updated_at`) values (?, ?, ?, ?, ?, ?)', [tenantId, 'Floor', 100_000, true, t0, t0]);
    await db.run('insert into `tenant_locks` (`tenant_id`) values (?)', [tenantId]);
    await db.run('insert into `channels` (`id`, `tenant_id`, `name`, `key`, `secret_sealed`, `created_at`) values (?, ?, ?, ?, ?, ?)', [channel.id, tenantId, 'floor', channel.key, 'sealed', t0]);
    for (let i = 0; i < agents; i++) {
      const email = `floor-${i}-${tenantId.slice(0, 8)}@bench.test`;
      await db.run(
        'insert into `users` (`id`, `tenant_id`, `email`, `email_key`, `name`, `role`, `active`, `availability`, `created_at`, `updated_at`) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [randomUUID(), tenantId, email, email, `Agent ${i}`, 'agent', true, 'online', t0, t0],
      );
    }
    const intakeMs: number[] = [];
    const started = performance.now();
    for (let n = 0; n < webhooks; n++) {
      const i0 = performance.now();
      const now = new Date();
      const [found] = await db.run('select * from `channels` where `key` = ? limit 1', [channel.key]);
      const deliveryId = randomUUID();
      await db.run('select * from `channel_deliveries` where `channel_id` = ? and `delivery_id` = ? and `tenant_id` = ? and `received_at` >= ?', [found?.['id'], deliveryId, tenantId, new Date(now.getTime() - 86_400_000)]);
      await db.run('begin');
      await db.run('select * from `tenants` where `id` = ? limit 1', [tenantId]);
      const externalId = `floor-customer-${n}`;
      await db.run('select * from `customers` where `tenant_id` = ? and `external_id` = ? limit 1', [tenantId, externalId]);
      const customerId = randomUUID();
      await db.run('insert into `customers` (`id`, `tenant_id`, `name`, `email`, `phone`, `external_id`, `created_at`, `updated_at`) values (?, ?, ?, ?, ?, ?, ?, ?)', [customerId, tenantId, externalId, null, null, externalId, now, now]);
      await db.run("select * from `tickets` where `tenant_id` = ? and `customer_id` = ? and `channel_id` = ? and `status` in ('open', 'in_progress') order by `created_at` desc, `id` desc limit 1", [tenantId, customerId, channel.id]);
      const ticketId = randomUUID();
      await db.run(
        'insert into `tickets` (`id`, `tenant_id`, `title`, `status`, `priority`, `priority_rank`, `customer_id`, `channel`, `channel_id`, `queued_at`, `created_at`, `updated_at`, `sla_breached`) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [ticketId, tenantId, 'Hello, my order has not arrived.', 'open', 'medium', 1, customerId, 'webhook', channel.id, now, now, now, false],
      );
      await outbox(tenantId, 'ticket.created', now, { ticketId, channel: 'webhook', priority: 'medium', autoAssign: true });
      await logEvent(tenantId, ticketId, 'ticket.created', now, { ticketId });
      const messageId = randomUUID();
      await db.run(
        'insert into `messages` (`id`, `ticket_id`, `tenant_id`, `sender_type`, `sender_id`, `message`, `created_at`, `sequence`) select ?, ?, ?, ?, ?, ?, ?, coalesce((select `m`.`sequence` from `messages` as `m` where `m`.`tenant_id` = ? and `m`.`ticket_id` = ? order by `m`.`sequence` desc limit 1), 0) + 1',
        [messageId, ticketId, tenantId, 'customer', customerId, 'Hello, my order has not arrived.', now, tenantId, ticketId],
      );
      await outbox(tenantId, 'message.created', now, { ticketId, messageId });
      await logEvent(tenantId, ticketId, 'message.created', now, { ticketId, messageId });
      await db.run('insert into `channel_deliveries` (`channel_id`, `delivery_id`, `tenant_id`, `received_at`, `ticket_id`, `message_id`, `customer_id`) values (?, ?, ?, ?, ?, ?, ?)', [channel.id, deliveryId, tenantId, now, ticketId, messageId, customerId]);
      await db.run('delete from `channel_deliveries` where `channel_id` = ? and `received_at` < ? and `tenant_id` = ?', [channel.id, new Date(now.getTime() - 86_400_000), tenantId]);
      await db.run('commit');
      intakeMs.push(performance.now() - i0);

      await db.run('begin');
      await db.run(`select * from \`tenant_locks\` where \`tenant_id\` = ?${lock}`, [tenantId]);
      await db.run('select * from `tickets` where `tenant_id` = ? and `id` = ? limit 1', [tenantId, ticketId]);
      const [tenant] = await db.run('select * from `tenants` where `id` = ? limit 1', [tenantId]);
      const staff = await db.run("select * from `users` where `tenant_id` = ? and `role` = 'agent' and `active` = ? order by `id` asc", [tenantId, true]);
      const ids = staff.map((a) => String(a['id']));
      const marks = ids.map(() => '?').join(', ');
      const loads = await db.run(`select \`assigned_agent_id\`, count(*) as \`active_tickets\` from \`tickets\` where \`tenant_id\` = ? and \`assigned_agent_id\` in (${marks}) and \`status\` in ('open', 'in_progress') group by \`assigned_agent_id\``, [tenantId, ...ids]);
      await db.run(`select * from \`reported_loads\` where \`tenant_id\` = ? and \`agent_id\` in (${marks})`, [tenantId, ...ids]);
      await db.run("select * from `tickets` where `tenant_id` = ? and `queued_at` is not null and `assigned_agent_id` is null and `status` in ('open', 'in_progress') and `channel` <> 'qiscus' order by `priority_rank` asc, `queued_at` asc, `id` asc limit 50", [tenantId]);
      const load = new Map(loads.map((l) => [String(l['assigned_agent_id']), Number(l['active_tickets'])]));
      const agent = [...ids].sort((a, b) => (load.get(a) ?? 0) - (load.get(b) ?? 0))[0] as string;
      await db.run(`select * from \`tickets\` where \`tenant_id\` = ? and \`id\` = ?${lock}`, [tenantId, ticketId]);
      await db.run('update `tickets` set `assigned_agent_id` = ?, `queued_at` = null, `assigned_at` = ?, `updated_at` = ? where `tenant_id` = ? and `id` = ?', [agent, now, now, tenantId, ticketId]);
      await db.run('update `users` set `last_assigned_at` = ?, `updated_at` = ? where `tenant_id` = ? and `id` = ?', [now, now, tenantId, agent]);
      const decision = { candidates: ids.slice(0, 20).map((agentId) => ({ agentId, load: load.get(agentId) ?? 0, capacity: tenant?.['max_customers_per_agent'] })), considered: ids.length, reason: 'least_loaded' };
      await outbox(tenantId, 'ticket.assigned', now, { ticketId, agentId: agent, previousAgentId: null, by: 'allocator', decision });
      await logEvent(tenantId, ticketId, 'ticket.assigned', now, { ticketId, agentId: agent });
      await db.run('commit');
    }
    const seconds = (performance.now() - started) / 1000;
    const sorted = [...intakeMs].sort((a, b) => a - b);
    return { webhooks, perSecond: webhooks / seconds, intakePerSecond: webhooks / (intakeMs.reduce((a, b) => a + b, 0) / 1000), intakeP99Ms: percentile(sorted, 99) };
  } finally {
    await db.close();
  }
};
