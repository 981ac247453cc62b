import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { uuidV7At } from './bench-ids.ts';

export interface AllocationScenario {
  readonly name: string;
  readonly agents: number;
  /** Per agent; large enough that the run never fills it. */
  readonly capacity: number;
  /** Waiting tickets already in the tenant's queue. */
  readonly backlog: number;
  /** Waiting native tickets the floor loop allocates. */
  readonly floorTickets: number;
}

export interface SeededScenario {
  readonly tenantId: string;
  readonly channel: { readonly key: string; readonly secret: string };
  readonly floorTicketIds: ReadonlyArray<string>;
}

const ticketCols = [
  'id', 'tenant_id', 'title', 'description', 'status', 'priority', 'priority_rank', 'assigned_agent_id', 'customer_id',
  'channel', 'channel_id', 'external_ref', 'active_external_ref', 'queued_at', 'created_at', 'updated_at',
];

const insert = (conn: mysql.Connection, table: string, cols: ReadonlyArray<string>, rows: unknown[][]) =>
  conn.query(`insert into \`${table}\` (${cols.map((c) => `\`${c}\``).join(', ')}) values ?`, [rows]);

const inChunks = async (rows: unknown[][], size: number, write: (chunk: unknown[][]) => Promise<unknown>) => {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
};

/**
 * One tenant (auto_assign on) with online agents, a signed channel, `floorTickets` waiting native tickets,
 * and a backlog of waiting Qiscus rooms at low priority: they are in the tenant's queue (same table, index
 * and head query) but the native allocator leaves rooms to the Qiscus flow, so they stay queued all run.
 */
export const seedScenario = async (url: string, scenario: AllocationScenario): Promise<SeededScenario> => {
  const conn = await mysql.createConnection({ uri: url, timezone: 'Z', charset: 'utf8mb4' });
  try {
    const now = Date.now();
    const at = new Date(now - 3_600_000);
    const tenantId = uuidV7At(now - 3_600_000, 0);
    await conn.query('insert into tenants values (?, ?, ?, 1, ?, ?)', [tenantId, `Bench ${scenario.name}`, scenario.capacity, at, at]);
    const agents = Array.from({ length: scenario.agents }, (_, i) => {
      const id = uuidV7At(now - 3_500_000, i);
      const email = `agent-${i}-${tenantId.slice(-8)}@bench.test`;
      return [id, tenantId, email, email, null, `Agent ${i}`, 'agent', 1, 'online', scenario.capacity, null, null, at, at];
    });
    const userCols = ['id', 'tenant_id', 'email', 'email_key', 'login_email_key', 'name', 'role', 'active', 'availability', 'max_customers', 'password_hash', 'last_assigned_at', 'created_at', 'updated_at'];
    await inChunks(agents, 1000, (chunk) => insert(conn, 'users', userCols, chunk));
    const channel = { id: uuidV7At(now - 3_400_000, 0), key: `bench-${randomBytes(8).toString('hex')}`, secret: randomBytes(32).toString('base64url') };
    await conn.query('insert into channels values (?, ?, ?, ?, ?, ?)', [channel.id, tenantId, 'bench channel', channel.key, channel.secret, at]);
    const customerId = uuidV7At(now - 3_300_000, 0);
    await conn.query('insert into customers (id, tenant_id, name, email, phone, external_id, created_at, updated_at) values (?, ?, ?, null, null, null, ?, ?)', [customerId, tenantId, 'Backlog customer', at, at]);

    const rooms = Array.from({ length: scenario.backlog }, (_, i) => {
      const queued = new Date(now - 3_000_000 + i);
      const room = `room-${i}`;
      return [uuidV7At(queued.getTime(), i), tenantId, `Room ${i}`, null, 'open', 'low', 2, null, customerId, 'qiscus', null, room, room, queued, queued, queued];
    });
    await inChunks(rooms, 2000, (chunk) => insert(conn, 'tickets', ticketCols, chunk));
    const floorTickets = Array.from({ length: scenario.floorTickets }, (_, i) => {
      const queued = new Date(now - 2_000_000 + i);
      return [uuidV7At(queued.getTime(), i), tenantId, `Floor ${i}`, null, 'open', 'medium', 1, null, customerId, 'api', null, null, null, queued, queued, queued];
    });
    await inChunks(floorTickets, 2000, (chunk) => insert(conn, 'tickets', ticketCols, chunk));
    await conn.query('analyze table tickets, users');
    return { tenantId, channel: { key: channel.key, secret: channel.secret }, floorTicketIds: floorTickets.map((row) => row[0] as string) };
  } finally {
    await conn.end();
  }
};

/** Drops and recreates the bench database (utf8mb4), returning its URL. */
export const recreateDatabase = async (serverUrl: string, name: string): Promise<string> => {
  const conn = await mysql.createConnection({ uri: serverUrl });
  await conn.query(`drop database if exists \`${name}\``);
  await conn.query(`create database \`${name}\` character set utf8mb4 collate utf8mb4_bin`);
  await conn.end();
  return `${serverUrl.replace(/\/+$/, '')}/${name}`;
};

/** The four scenarios of the flatness target: (10 | 1,000 agents) × (0 | 10,000 queued). */
export const flatnessScenarios = (floorTickets: number): ReadonlyArray<AllocationScenario> => [
  { name: '10 agents, 0 queued', agents: 10, capacity: 1000, backlog: 0, floorTickets },
  { name: '1000 agents, 0 queued', agents: 1000, capacity: 10, backlog: 0, floorTickets },
  { name: '10 agents, 10000 queued', agents: 10, capacity: 1000, backlog: 10_000, floorTickets },
  { name: '1000 agents, 10000 queued', agents: 1000, capacity: 10, backlog: 10_000, floorTickets },
];

/** Inserts rows into a table by column name, on either store (the caller converts values for its driver). */
export type InsertRows = (table: string, cols: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<unknown>>) => Promise<unknown>;

/**
 * Into an existing tenant (made by the app: its channel is sealed with the app's key): `scenario.agents` online
 * agents of `scenario.capacity` and a backlog of waiting Qiscus rooms at low priority, as `seedScenario` seeds them.
 */
export const seedAgentsAndBacklog = async (insertRows: InsertRows, tenantId: string, scenario: AllocationScenario): Promise<void> => {
  const now = Date.now();
  const at = new Date(now - 3_600_000);
  const agents = Array.from({ length: scenario.agents }, (_, i) => {
    const email = `agent-${i}-${tenantId.slice(-8)}@bench.test`;
    return [uuidV7At(now - 3_500_000, i), tenantId, email, email, `Agent ${i}`, 'agent', true, 'online', scenario.capacity, at, at];
  });
  const userCols = ['id', 'tenant_id', 'email', 'email_key', 'name', 'role', 'active', 'availability', 'max_customers', 'created_at', 'updated_at'];
  await inChunks(agents, 500, (chunk) => insertRows('users', userCols, chunk));
  const customerId = uuidV7At(now - 3_300_000, 1);
  await insertRows('customers', ['id', 'tenant_id', 'name', 'created_at', 'updated_at'], [[customerId, tenantId, 'Backlog customer', at, at]]);
  const rooms = Array.from({ length: scenario.backlog }, (_, i) => {
    const queued = new Date(now - 3_000_000 + i);
    const room = `room-${tenantId.slice(-8)}-${i}`;
    return [uuidV7At(queued.getTime(), i), tenantId, `Room ${i}`, null, 'open', 'low', 2, null, customerId, 'qiscus', null, room, room, queued, queued, queued];
  });
  await inChunks(rooms, 500, (chunk) => insertRows('tickets', ticketCols, chunk));
};
