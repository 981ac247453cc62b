import { createServer } from 'node:http';
import Koa, { type Context } from 'koa';
import mysql from 'mysql2/promise';
import { v7 } from 'uuid';

// The floor: exactly the statements the API sends for the two benchmarked endpoints (its per-request
// `users` lookup for auth included; `bench:http` checks this against a trace of both servers), on a bare
// mysql2 pool of the same size, without JWT, validation, use cases, ORM or Effect. Prints `listening <port>`.
const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is required`);
  return value;
};
const tenantId = env('BENCH_TENANT_ID');
const senderId = env('BENCH_SENDER_ID');
const pool = mysql.createPool({ uri: env('DATABASE_URL'), connectionLimit: 10, timezone: 'Z', charset: 'utf8mb4', enableKeepAlive: true, multipleStatements: true });
// The API's session settings (adapters/mikro-orm/mikro-orm.config.ts), once per connection like there.
pool.pool.on('connection', (conn) => {
  conn.query(
    "set session sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'; " +
      'set session transaction isolation level read committed; set session innodb_lock_wait_timeout = 5',
  );
});

// The API's auth looks its user up on every request, so deactivation bites at once.
const authUser = async (): Promise<boolean> => {
  const [users] = await pool.query<mysql.RowDataPacket[]>('select * from `users` where `tenant_id` = ? and `id` = ? limit 1', [tenantId, senderId]);
  return users[0]?.['active'] === 1;
};

const listTickets = async (ctx: Context): Promise<void> => {
  const limit = Number(ctx.query['limit'] ?? 20);
  const [rows] = await pool.query<mysql.RowDataPacket[]>(
    'select * from `tickets` where `tenant_id` = ? and `status` = ? order by `created_at` desc, `id` desc limit ?',
    [tenantId, ctx.query['status'], limit + 1],
  );
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  ctx.body = {
    data: items,
    next_cursor: rows.length > limit && last !== undefined ? Buffer.from(`${last['created_at'].getTime()}|${last['id']}`).toString('base64url') : null,
  };
};

const readBody = async (ctx: Context): Promise<{ message: string }> => {
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as { message: string };
};

// Like the API: BEGIN rides with the row lock, the sequence comes back as the insert id, the outbox row rides with COMMIT.
const appendMessage =
  'insert into `messages` (`id`, `ticket_id`, `tenant_id`, `sender_type`, `sender_id`, `message`, `created_at`, `sequence`) ' +
  'select ?, ?, ?, ?, ?, ?, ?, last_insert_id(coalesce((select `m`.`sequence` from `messages` as `m` where `m`.`tenant_id` = ? and `m`.`ticket_id` = ? order by `m`.`sequence` desc limit 1), 0) + 1)';

// The event log (adapters/mikro-orm/mikro-orm-event-log.ts): counters bumped, then the row placed by them.
const bumpCounter = 'insert into `event_counters` (`tenant_id`, `stream`, `last`) values (?, ?, ?) on duplicate key update `last` = `last` + ?';
const counter = '(select `last` from `event_counters` where `tenant_id` = ? and `stream` = ?)';
const insertEvent =
  'insert into `events` (`tenant_id`, `position`, `event_id`, `type`, `ticket_id`, `sequence`, `occurred_at`, `data`) ' +
  `select ?, ${counter} - ?, ?, ?, ?, ${counter} - ?, ?, ?`;

const postMessage = async (ctx: Context, ticketId: string): Promise<void> => {
  const { message } = await readBody(ctx);
  const conn = await pool.getConnection();
  let open = true;
  try {
    const [batch] = await conn.query<mysql.RowDataPacket[][]>(
      'begin; select * from `tickets` where `tenant_id` = ? and `id` = ? limit 1 for update',
      [tenantId, ticketId],
    );
    const tickets = batch[1] ?? [];
    if (tickets.length === 0) {
      await conn.query('rollback');
      ctx.status = 404;
      return;
    }
    const now = new Date();
    const id = v7();
    const [inserted] = await conn.query<mysql.ResultSetHeader>(appendMessage, [id, ticketId, tenantId, 'admin', senderId, message, now, tenantId, ticketId]);
    const row = { id, ticket_id: ticketId, tenant_id: tenantId, sender_type: 'admin', sender_id: senderId, message, created_at: now, sequence: inserted.insertId };
    const payload = JSON.stringify({ ticketId, messageId: row.id, senderType: 'admin' });
    const eventId = v7();
    const data = JSON.stringify({ message: { ...row, created_at: now.toISOString() }, ticket_id: ticketId });
    // The outbox row, then the event log's (tenant counter, ticket counter, events row), all riding with COMMIT.
    await conn.query(
      'insert into `outbox` (`id`, `tenant_id`, `type`, `payload`, `occurred_at`, `published_at`, `leased_until`) values (?, ?, ?, ?, ?, null, null); ' +
        `${bumpCounter}; ${bumpCounter}; ${insertEvent}; commit`,
      [eventId, tenantId, 'message.created', payload, now, tenantId, '', 1, 1, tenantId, ticketId, 1, 1,
        tenantId, tenantId, '', 0, eventId, 'message.created', ticketId, tenantId, ticketId, 0, now, data],
    );
    open = false;
    ctx.status = 201;
    ctx.body = row;
  } catch (error) {
    if (open) await conn.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    conn.release();
  }
};

const conversations = /^\/api\/tickets\/([^/]+)\/conversations$/;
const app = new Koa();
app.use(async (ctx) => {
  if (!(await authUser())) {
    ctx.status = 401;
    return;
  }
  if (ctx.method === 'GET' && ctx.path === '/api/tickets') return listTickets(ctx);
  const match = ctx.method === 'POST' ? conversations.exec(ctx.path) : null;
  if (match?.[1] !== undefined) return postMessage(ctx, match[1]);
  ctx.status = 404;
});
// autocannon closes its sockets mid-request when a run ends; that is not worth a stack trace.
app.on('error', (error: unknown) => {
  if ((error as { code?: unknown }).code !== 'ECONNRESET') process.stderr.write(`${String(error)}\n`);
});
const server = createServer(app.callback());
server.keepAliveTimeout = 5_000;
server.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address !== null ? address.port : 0}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  setTimeout(() => void pool.end().finally(() => process.exit(0)), 300);
});
