import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { openDatabase } from '../adapters/mikro-orm/index.ts';
import { combine, listOpenTickets, loadSettings, measure, postMessages, resultsTable, setting, type Measured } from './load.ts';
import { benchAdmin, seedTenant } from './seed.ts';
import { lookClosely, memoryReporting, memoryTable, watchPeak, type MemoryCycle } from './memory.ts';
import { startApp, startServer } from './servers.ts';
import { startScript } from './start-script.ts';
import { compareTraces, traceStatements, type TracedRequest } from './statement-check.ts';

// npm run bench:http — seeds MariaDB, then loads the real API and a bare Koa + mysql2 floor in turn.

const serverUrl = setting('BENCH_MYSQL_URL', 'mysql://root@127.0.0.1:3306').replace(/\/+$/, '');
const databaseName = setting('BENCH_DATABASE', 'switchboard_bench');
const databaseUrl = `${serverUrl}/${databaseName}`;
const { plan, load, rounds } = loadSettings();
// composed: the app's container on MikroORM, request path only. main: `node apps/api/main.ts` as deployed
// without AMQP_URL; its in-process relay then also drains the outbox rows the bare handler writes.
const apiMode = setting('BENCH_API', 'composed') === 'main' ? 'main' : 'composed';
const apiNodeArgs = setting('BENCH_API_NODE_ARGS', '').split(' ').filter((a) => a !== '');
const log = (line: string): void => void process.stdout.write(`${line}\n`);

log(`# Switchboard HTTP persistence benchmark — ${new Date().toISOString()}`);
const load1 = () => loadavg().map((l) => l.toFixed(2)).join(' ');
log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; database ${databaseUrl}; load average ${load1()}`);

// BENCH_SEED=reuse keeps the database a previous run seeded (for quick iterations); the default reseeds.
const reuse = setting('BENCH_SEED', 'fresh') === 'reuse';
let tenantId: string;
if (reuse) {
  const db = await mysql.createConnection({ uri: databaseUrl });
  const [[row]] = await db.query<mysql.RowDataPacket[]>("select tenant_id, (select count(*) from tickets) as n from users where email = ?", [benchAdmin.email]);
  await db.end();
  if (row === undefined) throw new Error(`BENCH_SEED=reuse: ${databaseUrl} holds no seeded tenant`);
  tenantId = String(row['tenant_id']);
  log(`reusing the seeded database: ${row['n']} tickets`);
} else {
  const admin = await mysql.createConnection({ uri: serverUrl });
  const [[version]] = await admin.query<mysql.RowDataPacket[]>('select version() as v');
  log(`server: ${version?.['v']}`);
  await admin.query(`drop database if exists \`${databaseName}\``);
  await admin.query(`create database \`${databaseName}\` character set utf8mb4 collate utf8mb4_bin`);
  await admin.end();
  const migrated = await openDatabase(databaseUrl);
  await migrated.close();

  log(`seeding: target ${plan.tickets} tickets, ~${plan.tickets * plan.averageMessagesPerTicket} messages, budget ${plan.budgetSeconds} s`);
  const seeded = await seedTenant(databaseUrl, plan, log);
  const share = (status: string) => `${status} ${(((seeded.byStatus[status] ?? 0) / seeded.tickets) * 100).toFixed(1)} %`;
  log(
    `seeded ${seeded.complete ? '' : '(BUDGET REACHED, PARTIAL) '}${seeded.tickets} tickets and ${seeded.messages} messages in ${seeded.seconds.toFixed(0)} s; ` +
      `${['open', 'in_progress', 'resolved', 'closed'].map(share).join(', ')}`,
  );
  tenantId = seeded.tenantId;
}

const db = await mysql.createConnection({ uri: databaseUrl });
const [ticketRows] = await db.query<mysql.RowDataPacket[]>(
  "select id from tickets where tenant_id = ? and status <> 'closed' order by rand() limit 20000",
  [tenantId],
);
const [[adminRow]] = await db.query<mysql.RowDataPacket[]>('select id from users where tenant_id = ? and role = ?', [tenantId, 'admin']);
await db.end();
const ticketIds = ticketRows.map((r) => String(r['id']));

const apiEnv = {
  DATABASE_URL: databaseUrl,
  PORT: '0',
  JWT_SECRET: randomBytes(48).toString('base64url'),
  SECRETS_KEY: randomBytes(32).toString('base64'),
  ACCESS_TOKEN_TTL_SECONDS: '3600',
  LOG_LEVEL: 'warn',
};
// The API runs with the runtime settings `npm start` gives it (package.json; BENCH_START_SETTINGS=off: plain node).
const start = setting('BENCH_START_SETTINGS', 'on') === 'off' ? { env: {}, nodeArgs: [], entry: 'apps/api/main.ts' } : startScript('start');
const memoryDir = await mkdtemp(join(tmpdir(), 'sb-http-memory-'));
const apiMemory = memoryReporting(join(memoryDir, 'api.json'));
const bareMemory = memoryReporting(join(memoryDir, 'bare.json'));
const apiArgs = [...start.nodeArgs, ...apiMemory.nodeArgs, ...apiNodeArgs];
const api =
  apiMode === 'main'
    ? await startApp(start.entry, { ...start.env, ...apiEnv, ...apiMemory.env }, apiArgs)
    : await startServer('api-server.ts', { ...start.env, ...apiEnv, ...apiMemory.env }, apiArgs);
const bareEnv = { DATABASE_URL: databaseUrl, BENCH_TENANT_ID: tenantId, BENCH_SENDER_ID: String(adminRow?.['id']) };
const bare = await startServer('bare-server.ts', { ...bareEnv, ...bareMemory.env }, bareMemory.nodeArgs);
try {
  const login = await fetch(`${api.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: benchAdmin.email, password: benchAdmin.password }),
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const token = ((await login.json()) as { access_token: string }).access_token;
  for (const target of [api, bare]) {
    const page = await fetch(`${target.url}/api/tickets?status=open&limit=50`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await page.json()) as { data: ReadonlyArray<{ status: string }> };
    if (page.status !== 200 || body.data.length !== 50 || body.data.some((t) => t.status !== 'open')) {
      throw new Error(`sanity check failed on ${target.url}: ${page.status}`);
    }
  }
  // The floor must send what the API sends: same statements, same round trips, per request.
  const traced: ReadonlyArray<TracedRequest> = [listOpenTickets, postMessages(ticketIds.slice(0, 1))].map((scenario) => {
    const { setupRequest, ...request } = scenario.request(token);
    const { path } = setupRequest === undefined ? request : setupRequest(request);
    const init = { method: request.method, headers: request.headers, body: request.body };
    return { name: scenario.name, send: (url: string) => fetch(`${url}${path}`, init).then(async (r) => (await r.arrayBuffer(), r.status)) };
  });
  const apiTrace = await traceStatements((env, args) => startServer('api-server.ts', { ...apiEnv, ...env }, args), traced);
  const bareTrace = await traceStatements((env, args) => startServer('bare-server.ts', { ...bareEnv, ...env }, args), traced);
  const statements = compareTraces(apiTrace, bareTrace);
  log(`statements per request (traced from mysql2 in each server, literals as ?):\n${statements.report}`);
  if (!statements.same) throw new Error('the bare handler does not send the statements the API sends: update bench/bare-server.ts');
  log(
    `load: autocannon, ${load.connections} connections, ${rounds} rounds per server and scenario (order alternating), each ${load.warmupSeconds} s warm-up + ${load.durationSeconds} s measured; ` +
      `POST spread over ${ticketIds.length} non-closed tickets. API: ${apiMode === 'main' ? 'node apps/api/main.ts (in-process jobs on)' : 'bench/api-server.ts (container only)'}, LOG_LEVEL=warn (no per-request log lines), MikroORM pool 10; bare: mysql2 pool 10, same SQL, no JWT/validation/ORM/Effect.`,
  );
  log(`API runtime settings: ${[...Object.entries(start.env).map(([k, v]) => `${k}=${v}`), ...start.nodeArgs, ...apiNodeArgs].join(' ') || 'none (plain node)'}${load.rate > 0 ? `; load at ${load.rate} req/s` : ''}`);
  const rows: Measured[] = [];
  // BENCH_ONLY=get or post runs one scenario (quick iterations); the default runs both.
  const only = setting('BENCH_ONLY', 'both');
  const scenarios = [listOpenTickets, postMessages(ticketIds)].filter((_, i) => only === 'both' || only === ['get', 'post'][i]);
  const runs = new Map<string, Measured[]>(scenarios.map((s) => [s.name, []]));
  // BENCH_MEMORY_CYCLES times: the whole load, then BENCH_IDLE_SECONDS without any; memory looked at before, during and after.
  const cycleCount = Number(setting('BENCH_MEMORY_CYCLES', '1'));
  const idleSeconds = Number(setting('BENCH_IDLE_SECONDS', '60'));
  // An idle process: the servers have started and answered the checks; give them BENCH_SETTLE_SECONDS without requests.
  await new Promise((resolve) => setTimeout(resolve, Number(setting('BENCH_SETTLE_SECONDS', '15')) * 1000));
  const closely = () => ({ api: lookClosely(api.pid, apiMemory.env.BENCH_MEMORY_FILE), bare: lookClosely(bare.pid, bareMemory.env.BENCH_MEMORY_FILE) });
  const idle = closely();
  const cycles: MemoryCycle[] = [];
  for (let cycle = 0; cycle < cycleCount; cycle++) {
    const peaks = { api: watchPeak(api.pid, apiMemory.env.BENCH_MEMORY_FILE), bare: watchPeak(bare.pid, bareMemory.env.BENCH_MEMORY_FILE) };
    for (const scenario of scenarios) {
      for (let round = 0; round < rounds; round++) {
        const order = round % 2 === 0 ? (['bare', 'api'] as const) : (['api', 'bare'] as const);
        for (const name of order) {
          const row = await measure(name, name === 'api' ? api : bare, token, scenario, load);
          log(`  load ${cycle + 1} round ${round + 1} ${scenario.name} on ${name}: ${row.reqPerSec.toFixed(0)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, statuses ${row.statuses}, server CPU ${row.cpuMsPerRequest.toFixed(2)} ms/req`);
          runs.get(scenario.name)?.push(row);
        }
      }
    }
    const loaded = { api: peaks.api.stop(), bare: peaks.bare.stop() };
    const ended = closely();
    await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
    cycles.push({ loaded, ended, after: closely() });
  }
  for (const scenario of scenarios) for (const name of ['bare', 'api'] as const) rows.push(combine((runs.get(scenario.name) ?? []).filter((r) => r.server === name)));
  log('');
  log(resultsTable(rows));
  log('');
  log(memoryTable(idle, cycles, idleSeconds));
  log(`load average at the end: ${load1()} (1, 5, 15 min); cpu ms/req is the server process's own CPU per request (/proc), steadier than req/s on a shared machine.`);
  log(`rows are the mean of ${rounds} rounds; targets: API throughput ≥ 0.8× the bare handler, API p99 ≤ 1.5× the bare handler (latencies in ms).`);
} finally {
  await Promise.all([api.stop(), bare.stop()]);
  await rm(memoryDir, { recursive: true, force: true });
}
