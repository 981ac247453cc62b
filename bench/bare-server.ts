import { createServer } from 'node:http';
import Koa, { type Context } from 'koa';
import mysql from 'mysql2/promise';
import { v7 } from 'uuid';

// The floor: the statements the API's repositories issue for the two benchmarked endpoints, on a bare
// mysql2 pool of the same size, without auth, validation, use cases or Effect. Prints `listening <port>`.
const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is required`);
  return value;
};
const tenantId = env('BENCH_TENANT_ID');
const senderId = env('BENCH_SENDER_ID');
const pool = mysql.createPool({ uri: env('DATABASE_URL'), connectionLimit: 10, timezone: 'Z', charset: 'utf8mb4', enableKeepAlive: true });
pool.pool.on('connection', (conn) => {
  conn.query("set session sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'");
});

const listTickets = async (ctx: Context): Promise<void> => {
  const limit = Number(ctx.query['limit'] ?? 20);
  const [rows] = await pool.query<mysql.RowDataPacket[]>(
    'select `t0`.* from `tickets` as `t0` where `t0`.`tenant_id` = ? and `t0`.`status` = ? order by `t0`.`created_at` desc, `t0`.`id` desc limit ?',
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

const postMessage = async (ctx: Context, ticketId: string): Promise<void> => {
  const { message } = await readBody(ctx);
  const conn = await pool.getConnection();
  try {
    await conn.query('begin');
    const [tickets] = await conn.query<mysql.RowDataPacket[]>(
      'select `t0`.* from `tickets` as `t0` where `t0`.`tenant_id` = ? and `t0`.`id` = ? limit ? for update',
      [tenantId, ticketId, 1],
    );
    if (tickets.length === 0) {
      await conn.query('rollback');
      ctx.status = 404;
      return;
    }
    const [last] = await conn.query<mysql.RowDataPacket[]>(
      'select `m0`.`sequence` from `messages` as `m0` where `m0`.`tenant_id` = ? and `m0`.`ticket_id` = ? order by `m0`.`sequence` desc limit ?',
      [tenantId, ticketId, 1],
    );
    const now = new Date();
    const row = { id: v7(), ticket_id: ticketId, tenant_id: tenantId, sender_type: 'admin', sender_id: senderId, message, created_at: now, sequence: Number(last[0]?.['sequence'] ?? 0) + 1 };
    await conn.query(
      'insert into `messages` (`id`, `ticket_id`, `tenant_id`, `sender_type`, `sender_id`, `message`, `created_at`, `sequence`) values (?, ?, ?, ?, ?, ?, ?, ?)',
      Object.values(row),
    );
    const payload = JSON.stringify({ ticketId, messageId: row.id, senderType: 'admin' });
    await conn.query(
      'insert into `outbox` (`id`, `tenant_id`, `type`, `payload`, `occurred_at`, `published_at`, `leased_until`) values (?, ?, ?, ?, ?, ?, ?)',
      [v7(), tenantId, 'message.created', payload, now, null, null],
    );
    await conn.query('commit');
    ctx.status = 201;
    ctx.body = row;
  } catch (error) {
    await conn.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    conn.release();
  }
};

const conversations = /^\/api\/tickets\/([^/]+)\/conversations$/;
const app = new Koa();
app.use(async (ctx) => {
  if (ctx.method === 'GET' && ctx.path === '/api/tickets') return listTickets(ctx);
  const match = ctx.method === 'POST' ? conversations.exec(ctx.path) : null;
  if (match?.[1] !== undefined) return postMessage(ctx, match[1]);
  ctx.status = 404;
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
