import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { profileIn, summarizeProfile } from './cpu-profile.ts';
import { listOpenTickets, measure, postMessages } from './load.ts';
import { benchAdmin } from './seed.ts';
import { startServer } from './servers.ts';

// npm run bench:profile -- get|post [api|bare] — CPU profile of one server under load, on the database
// `bench:http` left seeded. Prints where that process spends its CPU, by package and by function (self time).
const scenarioName = process.argv[2] ?? 'get';
const target = process.argv[3] === 'bare' ? 'bare' : 'api';
const databaseUrl = `${(process.env['BENCH_MYSQL_URL'] || 'mysql://root@127.0.0.1:3306').replace(/\/+$/, '')}/${process.env['BENCH_DATABASE'] || 'switchboard_bench'}`;
const dir = await mkdtemp(join(tmpdir(), 'switchboard-prof-'));

const db = await mysql.createConnection({ uri: databaseUrl });
const [ids] = await db.query<mysql.RowDataPacket[]>("select id from tickets where status <> 'closed' order by rand() limit 20000");
const [[who]] = await db.query<mysql.RowDataPacket[]>("select tenant_id, id from users where role = 'admin' limit 1");
await db.end();
const scenario = scenarioName === 'post' ? postMessages(ids.map((r) => String(r['id']))) : listOpenTickets;

const env = { DATABASE_URL: databaseUrl, PORT: '0', JWT_SECRET: randomBytes(48).toString('base64url'), SECRETS_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'warn' };
const durationSeconds = Number(process.env['BENCH_DURATION'] || 15);
let requests = 0;
const profiling = ['--cpu-prof', `--cpu-prof-dir=${dir}`];
const api =
  target === 'api'
    ? await startServer('api-server.ts', env, profiling)
    : await startServer('bare-server.ts', { DATABASE_URL: databaseUrl, BENCH_TENANT_ID: String(who?.['tenant_id']), BENCH_SENDER_ID: String(who?.['id']) }, profiling);
const auth = target === 'api' ? api : await startServer('api-server.ts', env);
try {
  const login = await fetch(`${auth.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(benchAdmin),
  });
  const { access_token: token } = (await login.json()) as { access_token: string };
  if (auth !== api) await auth.stop();
  const row = await measure(target, api, token, scenario, { connections: 32, durationSeconds, warmupSeconds: 3, rate: 0 });
  process.stdout.write(`${scenario.name} on ${target}: ${row.reqPerSec.toFixed(0)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms\n`);
  requests = row.reqPerSec * durationSeconds;
} finally {
  await api.stop();
}

process.stdout.write(`measured run: ${await summarizeProfile(await profileIn(dir), requests, durationSeconds)}`);
