import { hash } from '@node-rs/argon2';
import { Effect } from 'effect';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import mysql from 'mysql2/promise';
import { argon2Minimum } from '../adapters/crypto/argon2-password-hasher.ts';
import type { SwitchboardDatabase } from '../adapters/mikro-orm/open-database.ts';
import { prng, uuidV7At } from './bench-ids.ts';

export interface SeedPlan {
  readonly tickets: number;
  /** Messages per ticket vary from 1 to 2×average−1. */
  readonly averageMessagesPerTicket: number;
  readonly customers: number;
  readonly budgetSeconds: number;
}

export interface Seeded {
  readonly tenantId: string;
  readonly adminEmail: string;
  readonly adminPassword: string;
  readonly tickets: number;
  readonly messages: number;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly seconds: number;
  readonly complete: boolean;
}

/** The seeded admin, who logs in through the API. */
export const benchAdmin = { email: 'bench-admin@switchboard.test', password: 'bench-password-1234' } as const;

const ticketsPerBatch = 1000;
const messagesPerStatement = 2500;
const writers = 3;
const day = 86_400_000;

// Weights: open 20 %, in_progress 15 %, resolved 25 %, closed 40 %.
const statusOf = (r: number): string => (r < 0.2 ? 'open' : r < 0.35 ? 'in_progress' : r < 0.6 ? 'resolved' : 'closed');
const priorities = ['high', 'medium', 'medium', 'low'] as const;
const priorityRank = { high: 0, medium: 1, low: 2 } as const;
const lorem =
  'Hello, my order has not arrived yet and the tracking page shows no update since Monday. Could you check what happened? Thanks a lot 🙏';

const ticketCols = [
  'id', 'tenant_id', 'title', 'description', 'status', 'priority', 'priority_rank', 'assigned_agent_id', 'customer_id',
  'channel', 'channel_id', 'external_ref', 'active_external_ref', 'queued_at', 'created_at', 'updated_at',
];
const messageCols = ['id', 'tenant_id', 'ticket_id', 'sender_type', 'sender_id', 'message', 'sequence', 'created_at'];

/** Where the seed writes: multi-row INSERTs in transactions, on MySQL/MariaDB or SQLite. */
export interface SeedConnection {
  insert(table: string, cols: ReadonlyArray<string>, rows: unknown[][]): Promise<void>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  analyze(): Promise<void>;
  end(): Promise<void>;
}

const columns = (cols: ReadonlyArray<string>) => cols.map((c) => `\`${c}\``).join(', ');

const mysqlConnection = async (url: string): Promise<SeedConnection> => {
  const conn = await mysql.createConnection({ uri: url, timezone: 'Z', charset: 'utf8mb4' });
  await conn.query('set session foreign_key_checks = 0, unique_checks = 0');
  return {
    insert: async (table, cols, rows) => void (await conn.query(`insert into \`${table}\` (${columns(cols)}) values ?`, [rows])),
    begin: () => conn.beginTransaction(),
    commit: () => conn.commit(),
    analyze: async () => void (await conn.query('analyze table tickets, messages, users')),
    end: () => conn.end(),
  };
};

// SQLite stores instants as epoch ms and booleans as 0/1, as MikroORM writes them.
const sqliteValue = (value: unknown): SQLInputValue => (value instanceof Date ? value.getTime() : (value as SQLInputValue));

const sqliteConnection = async (url: string): Promise<SeedConnection> => {
  const db = new DatabaseSync(url.slice('sqlite:'.length), { timeout: 30_000 });
  db.exec('pragma journal_mode = wal; pragma synchronous = normal; pragma foreign_keys = off');
  const perStatement = (cols: number) => Math.max(1, Math.floor(32_000 / cols));
  return {
    insert: async (table, cols, rows) => {
      for (let i = 0; i < rows.length; i += perStatement(cols.length)) {
        const chunk = rows.slice(i, i + perStatement(cols.length));
        const tuple = `(${cols.map(() => '?').join(', ')})`;
        db.prepare(`insert into \`${table}\` (${columns(cols)}) values ${chunk.map(() => tuple).join(', ')}`).run(...chunk.flat().map(sqliteValue));
      }
    },
    begin: async () => void db.exec('begin immediate'),
    commit: async () => void db.exec('commit'),
    analyze: async () => void db.exec('analyze'),
    end: async () => db.close(),
  };
};

const connect = (url: string): Promise<SeedConnection> => (url.startsWith('sqlite:') ? sqliteConnection(url) : mysqlConnection(url));

/**
 * One tenant with an admin, 20 agents, customers, and as many ticket batches (each with its messages)
 * as fit in the time budget, written with multi-row INSERTs straight into the migrated schema.
 */
export const seedTenant = async (url: string, plan: SeedPlan, progress: (line: string) => void): Promise<Seeded> => {
  const started = Date.now();
  const now = started;
  const tenantId = uuidV7At(now - 400 * day, 0);
  const { email: adminEmail, password: adminPassword } = benchAdmin;
  const adminId = uuidV7At(now - 400 * day, 1);
  const agents = Array.from({ length: 20 }, (_, i) => uuidV7At(now - 399 * day, i));
  const customers = Array.from({ length: plan.customers }, (_, i) => uuidV7At(now - 398 * day, i));
  const at = new Date(now - 400 * day);

  const setup = await connect(url);
  await setup.insert('tenants', ['id', 'name', 'max_customers_per_agent', 'auto_assign', 'created_at', 'updated_at'], [[tenantId, 'Bench tenant', 2, 1, at, at]]);
  const userRow = (id: string, email: string, role: string, passwordHash: string | null) => [
    id, tenantId, email, email, passwordHash === null ? null : email, email.split('@')[0], role, 1, 'online', null, passwordHash, null, at, at,
  ];
  const adminHash = await hash(adminPassword, { algorithm: 2, ...argon2Minimum, parallelism: 1 });
  await setup.insert(
    'users',
    ['id', 'tenant_id', 'email', 'email_key', 'login_email_key', 'name', 'role', 'active', 'availability', 'max_customers', 'password_hash', 'last_assigned_at', 'created_at', 'updated_at'],
    [userRow(adminId, adminEmail, 'admin', adminHash), ...agents.map((id, i) => userRow(id, `agent-${i}@switchboard.test`, 'agent', null))],
  );
  for (let i = 0; i < customers.length; i += 5000) {
    const rows = customers.slice(i, i + 5000).map((id, k) => [id, tenantId, `Customer ${i + k}`, `c${i + k}@example.test`, null, `ext-${i + k}`, at, at]);
    await setup.insert('customers', ['id', 'tenant_id', 'name', 'email', 'phone', 'external_id', 'created_at', 'updated_at'], rows);
  }
  await setup.end();

  const batches = Math.ceil(plan.tickets / ticketsPerBatch);
  const step = Math.floor((365 * day) / plan.tickets);
  const firstAt = now - 366 * day;
  const byStatus: Record<string, number> = {};
  let next = 0;
  let tickets = 0;
  let messages = 0;

  const writeBatch = async (conn: SeedConnection, b: number): Promise<void> => {
    const random = prng(b + 1);
    const ticketRows: unknown[][] = [];
    const messageRows: unknown[][] = [];
    const counts: Record<string, number> = {};
    for (let i = b * ticketsPerBatch; i < Math.min(plan.tickets, (b + 1) * ticketsPerBatch); i++) {
      const createdMs = firstAt + i * step;
      const id = uuidV7At(createdMs, i);
      const status = statusOf(random());
      const priority = priorities[Math.floor(random() * priorities.length)] ?? 'medium';
      const agent = status === 'open' ? null : (agents[Math.floor(random() * agents.length)] ?? null);
      const customer = customers[Math.floor(random() * customers.length)] ?? '';
      const count = 1 + Math.floor(random() * (2 * plan.averageMessagesPerTicket - 1));
      const created = new Date(createdMs);
      ticketRows.push([
        id, tenantId, `Order problem #${i}`, i % 3 === 0 ? null : lorem, status, priority, priorityRank[priority], agent, customer,
        'api', null, null, null, null, created, new Date(createdMs + count * 60_000),
      ]);
      for (let k = 1; k <= count; k++) {
        const sentMs = createdMs + k * 60_000;
        const fromCustomer = k % 2 === 1 || agent === null;
        messageRows.push([
          uuidV7At(sentMs, k), tenantId, id, fromCustomer ? 'customer' : 'agent', fromCustomer ? customer : agent,
          `${lorem.slice(0, 40 + ((i + k) % 90))} (${k})`, k, new Date(sentMs),
        ]);
      }
      counts[status] = (counts[status] ?? 0) + 1;
    }
    await conn.begin();
    await conn.insert('tickets', ticketCols, ticketRows);
    for (let i = 0; i < messageRows.length; i += messagesPerStatement) {
      await conn.insert('messages', messageCols, messageRows.slice(i, i + messagesPerStatement));
    }
    await conn.commit();
    tickets += ticketRows.length;
    messages += messageRows.length;
    for (const [status, n] of Object.entries(counts)) byStatus[status] = (byStatus[status] ?? 0) + n;
  };

  const overBudget = () => Date.now() - started > plan.budgetSeconds * 1000;
  const writer = async (): Promise<void> => {
    const conn = await connect(url);
    try {
      while (next < batches && !overBudget()) {
        await writeBatch(conn, next++);
        if (next % 10 === 0) progress(`  seeded ${tickets} tickets, ${messages} messages (${Math.round((Date.now() - started) / 1000)} s)`);
      }
    } finally {
      await conn.end();
    }
  };
  // SQLite has one writer at a time.
  await Promise.all(Array.from({ length: url.startsWith('sqlite:') ? 1 : writers }, writer));
  const analyze = await connect(url);
  await analyze.analyze();
  await analyze.end();
  return {
    tenantId,
    adminEmail,
    adminPassword,
    tickets,
    messages,
    byStatus,
    seconds: (Date.now() - started) / 1000,
    complete: tickets === plan.tickets,
  };
};

/** The store benches' tenant (support report, ticket writes): ids fixed from `now`, one customer, 20 agents' ids. */
export const storeBenchTenant = (now: number) => ({
  tenantId: uuidV7At(now - 100 * day, 1),
  customerId: uuidV7At(now - 100 * day, 2),
  agents: Array.from({ length: 20 }, (_, i) => uuidV7At(now - 100 * day, 10 + i)),
});

/** Inserts that tenant and its customer through the store's own repositories. */
export const insertStoreBenchTenant = (db: Pick<SwitchboardDatabase, 'uow'>, tenant: ReturnType<typeof storeBenchTenant>, now: number, autoAssign: boolean): Promise<void> =>
  Effect.runPromise(
    db.uow.transaction((s) =>
      Effect.gen(function* () {
        const at = new Date(now);
        yield* s.tenants.insert({ id: tenant.tenantId, name: 'Bench', settings: { maxCustomersPerAgent: 5, autoAssign, sla: null, businessHours: null }, createdAt: at, updatedAt: at });
        yield* s.customers.insert({ id: tenant.customerId, tenantId: tenant.tenantId, name: 'C', email: null, phone: null, externalId: null, createdAt: at, updatedAt: at });
      }),
    ),
  );

/**
 * Runs `bench` on a fresh SQLite file and, with MYSQL_URL, on a recreated MariaDB/MySQL database `database`; both are
 * removed afterwards. BENCH_STORES=sqlite or mysql runs one of them.
 */
export const onEachStore = async (database: string, bench: (store: 'sqlite' | 'mariadb', url: string) => Promise<void>): Promise<void> => {
  const only = process.env.BENCH_STORES;
  if (only !== 'mysql') {
    const path = join(tmpdir(), `${database}-${process.pid}.db`);
    try {
      await bench('sqlite', `sqlite:${path}`);
    } finally {
      await rm(path, { force: true });
    }
  }
  if (process.env.MYSQL_URL && only !== 'sqlite') {
    const server = await mysql.createConnection(process.env.MYSQL_URL);
    await server.query(`drop database if exists \`${database}\``);
    await server.query(`create database \`${database}\` character set utf8mb4`);
    try {
      await bench('mariadb', `${process.env.MYSQL_URL.replace(/\/$/, '')}/${database}`);
    } finally {
      await server.query(`drop database if exists \`${database}\``);
      await server.end();
    }
  }
};
