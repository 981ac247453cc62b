import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { openDatabase } from '../adapters/mikro-orm/index.ts';
import { combine, listOpenTickets, loadSettings, measure, postMessages, type Measured } from './load.ts';
import { benchAdmin, seedTenant } from './seed.ts';
import { startServer } from './servers.ts';

// npm run bench:sqlite — the embedded default's SQLite on node:sqlite against better-sqlite3, same data, same run.
// better-sqlite3 is not a dependency (it compiles a native addon): `npm install --no-save @mikro-orm/sqlite@7.2.1` first.
const { plan, load, rounds } = loadSettings();
const drivers = ['node:sqlite', 'better-sqlite3'] as const;
const withinTarget = 0.1;
const log = (line: string): void => void process.stdout.write(`${line}\n`);

const installed = async (specifier: string): Promise<boolean> => import(specifier).then(() => true, () => false);
if (!(await installed('@mikro-orm/sqlite'))) {
  log('better-sqlite3 is not installed: run `npm install --no-save @mikro-orm/sqlite@7.2.1` first');
  process.exit(2);
}

const folder = await mkdtemp(join(tmpdir(), 'switchboard-sqlite-bench-'));
const databaseUrl = `sqlite:${join(folder, 'bench.db')}`;
try {
  log(`# SQLite drivers: node:sqlite vs better-sqlite3 — ${new Date().toISOString()}`);
  log(`machine: ${cpus().length} cores, Node ${process.version}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  await (await openDatabase(databaseUrl)).close();
  const seeded = await seedTenant(databaseUrl, plan, log);
  log(`seeded ${seeded.tickets} tickets and ${seeded.messages} messages in ${seeded.seconds.toFixed(0)} s`);
  const db = new DatabaseSync(databaseUrl.slice('sqlite:'.length));
  const ids = db.prepare("select id from tickets where status <> 'closed' order by random() limit 20000").all().map((r) => String(r['id']));
  db.close();

  const env = (driver: string) => ({
    DATABASE_URL: databaseUrl,
    PORT: '0',
    JWT_SECRET: randomBytes(48).toString('base64url'),
    SECRETS_KEY: randomBytes(32).toString('base64'),
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    LOG_LEVEL: 'warn',
    BENCH_SQLITE_DRIVER: driver,
  });
  log(`load: autocannon, ${load.connections} connections, ${rounds} rounds per driver and scenario (order alternating), ${load.warmupSeconds} s warm-up + ${load.durationSeconds} s measured; bench/api-server.ts (the app's container, request path only)`);
  const results = new Map<string, Measured[]>();
  for (const scenario of [listOpenTickets, postMessages(ids)]) {
    for (let round = 0; round < rounds; round++) {
      for (const driver of round % 2 === 0 ? drivers : [...drivers].reverse()) {
        const server = await startServer('api-server.ts', env(driver));
        try {
          const login = await fetch(`${server.url}/api/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: benchAdmin.email, password: benchAdmin.password }),
          });
          if (login.status !== 200) throw new Error(`login failed on ${driver}: ${login.status}`);
          const { access_token: token } = (await login.json()) as { access_token: string };
          const row = await measure('api', server, token, scenario, load);
          log(`  round ${round + 1} ${scenario.name} on ${driver}: ${row.reqPerSec.toFixed(0)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, statuses ${row.statuses}`);
          const key = `${scenario.name}|${driver}`;
          results.set(key, [...(results.get(key) ?? []), row]);
        } finally {
          await server.stop();
        }
      }
    }
  }
  log('');
  log('| scenario | node:sqlite req/s | better-sqlite3 req/s | ratio | node:sqlite p99 | better-sqlite3 p99 | within 10 % |');
  log('|---|---|---|---|---|---|---|');
  for (const scenario of [listOpenTickets.name, 'POST /api/tickets/{id}/conversations']) {
    const [node, better] = drivers.map((d) => combine(results.get(`${scenario}|${d}`) ?? []));
    if (node === undefined || better === undefined) continue;
    const ratio = node.reqPerSec / better.reqPerSec;
    log(`| ${scenario} | ${node.reqPerSec.toFixed(0)} | ${better.reqPerSec.toFixed(0)} | ${ratio.toFixed(2)}× | ${node.p99} ms | ${better.p99} ms | ${ratio >= 1 - withinTarget ? 'PASS' : 'MISS'} |`);
  }
} finally {
  await rm(folder, { recursive: true, force: true });
}
