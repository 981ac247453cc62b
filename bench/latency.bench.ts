// Allocation latency (webhook accepted → ticket assigned) at steady rates, peak intake, and a Qiscus burst,
// on the embedded default (SQLite, in-process jobs) and on MariaDB + RabbitMQ. A script, not a test:
//   node bench/latency.bench.ts          (BENCH_STACKS=embedded,mariadb  BENCH_RATES=10,50,100,200  BENCH_SECONDS=5)
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { profileIn, summarizeProfile } from './cpu-profile.ts';
import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import mysql from 'mysql2/promise';
import { createMysqlDatabase, mysqlServer } from '../tests/support/databases.ts';
import { runIntakeFloor, type IntakeFloor } from './intake-floor.ts';
import type { InsertRows } from './allocation-seed.ts';
import { measureFlatness } from './flatness.ts';
import { startScript } from './start-script.ts';
import { FakeQiscus } from '../tests/support/fake-qiscus/fake-qiscus.ts';
import { runCliProcess, startApiProcess, type ApiProcess } from '../tests/support/system-processes.ts';
import { call, inParallel, login, postConversation, type SignedChannel } from '../tests/support/system-tenant.ts';
import { openSystem } from '../tests/support/system-world.ts';

const stacks = (process.env.BENCH_STACKS ?? 'embedded,mariadb').split(',');
const rates = (process.env.BENCH_RATES ?? '10,50,100,200').split(',').map(Number);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
// The children inherit this environment: the embedded API must not see AMQP_URL (it would publish to a broker no worker reads).
const brokerUrl = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
delete process.env.AMQP_URL;
const phases = new Set((process.env.BENCH_PHASES ?? 'floor,steady,peak,burst,memory,flatness').split(','));
const floorWebhooks = Number(process.env.BENCH_FLOOR_WEBHOOKS ?? 2000);
const idleSeconds = Number(process.env.BENCH_IDLE_SECONDS ?? 60);
const workerCount = Number(process.env.BENCH_WORKERS ?? 2);
// BENCH_PROFILE=1 CPU-profiles the API process and prints where its time went (run with BENCH_PHASES=peak).
const profileDir = process.env.BENCH_PROFILE ? await mkdtemp(join(tmpdir(), 'sb-latency-prof-')) : undefined;
const apiNodeOptions = [process.env.BENCH_API_NODE_OPTIONS, profileDir === undefined ? undefined : `--cpu-prof --cpu-prof-dir=${profileDir}`].filter(Boolean).join(' ');
// BENCH_HEAP_SNAPSHOTS=1: the API writes a heap snapshot (after a full GC) at each memory point, into a folder the run prints.
const snapshotDir = process.env.BENCH_HEAP_SNAPSHOTS ? await mkdtemp(join(tmpdir(), 'sb-latency-heap-')) : undefined;
// The processes start with `npm start`'s / `npm run worker`'s environment and Node flags (package.json).
const started = startScript('start');
const nodeOptions = [started.nodeArgs.join(' '), apiNodeOptions, snapshotDir === undefined ? '' : `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${snapshotDir}`].filter(Boolean).join(' ');
const metricsToken = randomBytes(24).toString('base64url');
const withApiOptions = (env: Record<string, string>): Record<string, string> => ({ ...started.env, ...env, METRICS_TOKEN: metricsToken, ...(nodeOptions === '' ? {} : { NODE_OPTIONS: nodeOptions }) });
const worker = startScript('worker');
const workerSettings = { ...worker.env, ...(worker.nodeArgs.length === 0 ? {} : { NODE_OPTIONS: worker.nodeArgs.join(' ') }) };

/** Resident set size of a process now, in MB (from /proc). */
const rssMb = async (pid: number): Promise<number> => Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN) / 1024;

/** The floor on a migrated database of its own (see intake-floor.ts). */
const floorFor = async (name: string): Promise<IntakeFloor> => {
  if (name === 'mariadb') {
    const server = await mysqlServer();
    if (server.status !== 'ready') throw new Error(`MariaDB: ${server.reason}`);
    const database = await createMysqlDatabase(server.url);
    try {
      const t = database.target;
      if (t.dialect !== 'mysql') throw new Error('a MySQL target');
      return await runIntakeFloor({ mysqlUrl: `mysql://${encodeURIComponent(t.user)}${t.password === '' ? '' : `:${encodeURIComponent(t.password)}`}@${t.host}:${t.port}/${t.database}` }, floorWebhooks);
    } finally {
      await database.drop();
    }
  }
  const dir = await mkdtemp(join(tmpdir(), 'sb-floor-'));
  try {
    await runCliProcess(['migrate'], { DATABASE_URL: `sqlite:${join(dir, 'floor.db')}` });
    return await runIntakeFloor({ sqlitePath: join(dir, 'floor.db') }, floorWebhooks);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

/** The API's heap as its own /metrics reports it, in MB: V8 heap used and total, and memory outside the heap. */
const heapOf = async (api: string): Promise<string> => {
  const text = await (await fetch(`${api}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).text();
  const mb = (name: string) => (Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? Number.NaN) / 2 ** 20).toFixed(0);
  return `heap used ${mb('nodejs_heap_size_used_bytes')} of ${mb('nodejs_heap_size_total_bytes')} MB, external ${mb('nodejs_external_memory_bytes')} MB`;
};

/** With BENCH_HEAP_SNAPSHOTS, has the API write a heap snapshot (a full GC first) and waits for it; returns its name. */
const snapshot = async (pid: number): Promise<string> => {
  if (snapshotDir === undefined) return '';
  const before = new Set(await readdir(snapshotDir));
  process.kill(pid, 'SIGUSR2');
  for (let i = 0; i < 600; i++) {
    await sleep(100);
    const file = (await readdir(snapshotDir)).find((f) => !before.has(f) && f.endsWith('.heapsnapshot'));
    // Written once its size stops changing.
    if (file !== undefined && (await readFile(join(snapshotDir, file)).then((b) => b.length > 0 && b.at(-1) === 0x7d, () => false))) return ` (snapshot ${join(snapshotDir, file)})`;
  }
  return ' (no snapshot written)';
};

/** User + system CPU of a process so far, in ms (from /proc; Linux clock ticks of 10 ms). */
const cpuMs = async (pid: number): Promise<number> => {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).replace(/^.*\) /s, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
/** Pids of the processes whose command name is one of `names` (the database server, the broker). */
const pidsNamed = async (names: ReadonlyArray<string>): Promise<Array<number>> => {
  const pids: Array<number> = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const comm = (await readFile(`/proc/${entry}/comm`, 'utf8').catch(() => '')).trim();
    if (names.includes(comm)) pids.push(Number(entry));
  }
  return pids;
};

/** The CPU of named groups of processes over `run`, in ms per `count()` (what each part of the stack costs per webhook). */
const cpuBy = async (groups: Record<string, ReadonlyArray<number>>, run: () => Promise<void>, count: () => number): Promise<string> => {
  const total = async (pids: ReadonlyArray<number>) => (await Promise.all(pids.map((pid) => cpuMs(pid).catch(() => 0)))).reduce((a, b) => a + b, 0);
  const before = await Promise.all(Object.values(groups).map(total));
  await run();
  const after = await Promise.all(Object.values(groups).map(total));
  const n = Math.max(1, count());
  const parts = Object.keys(groups).map((name, i) => `${name} ${(((after[i] ?? 0) - (before[i] ?? 0)) / n).toFixed(1)}`);
  const sum = after.reduce((a, b, i) => a + b - (before[i] ?? 0), 0) / n;
  return `CPU per accepted webhook (ms): ${parts.join(', ')}; all ${sum.toFixed(1)}`;
};

const targets = { embeddedP99At50: 25, mariadbP99At100: 60, peakIntake: 400, roomsPerSecond: 140, roomP99: 500, flatness: 1.3 };

/** The assignments a stack recorded: ticket id → when the allocator assigned it (the event's time). */
type AssignedAt = () => Promise<Map<string, number>>;

interface Stack {
  readonly name: string;
  readonly apis: ReadonlyArray<ApiProcess>;
  /** Every other process of the stack, by part (workers, database server, broker), for the CPU split. */
  readonly parts: () => Promise<Record<string, ReadonlyArray<number>>>;
  readonly tenant: { readonly adminEmail: string; readonly adminPassword: string };
  readonly assignedAt: AssignedAt;
  /** The flatness phase's needs: the processes' environment, raw inserts, and assignments of every tenant. */
  readonly env: Record<string, string>;
  readonly insertRows: InsertRows;
  readonly assignedInAnyTenant: AssignedAt;
  close(): Promise<void>;
}

const percentile = (sorted: ReadonlyArray<number>, p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

const fromRows = (rows: ReadonlyArray<{ payload: string | object; occurred_at: Date | string }>) =>
  new Map(rows.map((r) => [(typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload).ticketId as string, new Date(r.occurred_at).getTime()]));

const embedded = async (): Promise<Stack> => {
  const dir = await mkdtemp(join(tmpdir(), 'sb-latency-'));
  const env = {
    DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`, JWT_SECRET: randomBytes(32).toString('base64url'), SECRETS_KEY: randomBytes(32).toString('base64'),
    CHANNEL_RATE_LIMIT_PER_MINUTE: '1000000', OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true', LOGIN_MAX_FAILURES_PER_ADDRESS: '100000',
  };
  const tenant = { adminEmail: 'admin@latency.bench', adminPassword: randomBytes(12).toString('hex') };
  await runCliProcess(['migrate'], env);
  await runCliProcess(['tenant', 'create', '--name', 'Bench', '--admin-email', tenant.adminEmail, '--admin-password', tenant.adminPassword], env);
  const api = await startApiProcess('api', withApiOptions(env));
  const db = new DatabaseSync(join(dir, 'bench.db'), { timeout: 10_000 });
  const select = db.prepare("select payload, occurred_at from outbox where type = 'ticket.assigned'");
  // The app's SQLite values: dates as epoch ms, booleans as 0/1.
  const sqliteValue = (v: unknown) => (v instanceof Date ? v.getTime() : typeof v === 'boolean' ? Number(v) : v);
  const insertRows: InsertRows = async (table, cols, rows) => {
    const row = `(${cols.map(() => '?').join(', ')})`;
    db.prepare(`insert into \`${table}\` (${cols.map((c) => `\`${c}\``).join(', ')}) values ${rows.map(() => row).join(', ')}`).run(...(rows.flat().map(sqliteValue) as never[]));
  };
  const assignedAt = async () => fromRows(select.all() as never);
  return {
    name: 'embedded (SQLite, in-process jobs)',
    apis: [api],
    parts: async () => ({}),
    tenant,
    assignedAt,
    env,
    insertRows,
    assignedInAnyTenant: assignedAt,
    close: async () => {
      db.close();
      await api.signal('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
};

const mariadb = async (): Promise<Stack> => {
  const server = await mysqlServer();
  if (server.status !== 'ready') throw new Error(`MariaDB: ${server.reason}`);
  const world = await openSystem({ status: 'ready', mysqlUrl: server.url, amqpUrl: brokerUrl }, { apis: 0, workers: workerCount, env: { LOGIN_MAX_FAILURES_PER_ADDRESS: '100000', ...workerSettings } });
  world.apis.push(await startApiProcess('api', withApiOptions({ ...world.env })));
  const sql: mysql.Pool = world.sql;
  return {
    name: `MariaDB + RabbitMQ (1 API, ${workerCount} worker${workerCount === 1 ? '' : 's'})`,
    apis: world.apis,
    parts: async () => ({ workers: world.workers.map((w) => w.pid), MariaDB: await pidsNamed(['mariadbd', 'mysqld']), RabbitMQ: await pidsNamed(['beam.smp']) }),
    tenant: world.tenant,
    assignedAt: async () => {
      const [rows] = await sql.query("select payload, occurred_at from outbox where type = 'ticket.assigned' and tenant_id = ?", [world.tenant.id]);
      return fromRows(rows as never);
    },
    env: world.env,
    insertRows: (table, cols, rows) => sql.query(`insert into \`${table}\` (${cols.map((c) => `\`${c}\``).join(', ')}) values ?`, [rows]),
    assignedInAnyTenant: async () => fromRows((await sql.query("select payload, occurred_at from outbox where type = 'ticket.assigned'"))[0] as never),
    close: () => world.close(),
  };
};

/** Ten agents online with room for everyone, and a signed channel. */
const staff = async (stack: Stack): Promise<{ admin: string; channel: SignedChannel }> => {
  const api = stack.apis[0]?.baseUrl as string;
  const admin = await login(api, stack.tenant.adminEmail, stack.tenant.adminPassword);
  // BENCH_AUTO_ASSIGN=false measures intake alone (tickets stay unassigned; only for profiling).
  await call(api, 'PATCH', '/api/settings', { max_customers_per_agent: 1000, auto_assign: process.env.BENCH_AUTO_ASSIGN !== 'false' }, admin);
  await inParallel(10, 5, async (i) => {
    const email = `agent-${i}-${randomUUID().slice(0, 6)}@latency.bench`;
    await call(api, 'POST', '/api/users', { email, name: `Agent ${i}`, password: 'agent-pass-123', role: 'agent' }, admin);
    await call(api, 'PATCH', '/api/me/availability', { availability: 'online' }, await login(api, email, 'agent-pass-123'));
  });
  const channel = (await call(api, 'POST', '/api/channels', { name: 'bench' }, admin)).body as SignedChannel;
  return { admin, channel };
};

/** Conversations at `rate` per second for `seconds`; latency from the 202 to the assignment. */
const steady = async (stack: Stack, channel: SignedChannel, rate: number) => {
  const api = stack.apis[0]?.baseUrl as string;
  const accepted = new Map<string, number>();
  let failed = 0;
  const sends: Array<Promise<void>> = [];
  const start = Date.now();
  for (let i = 0; i < rate * seconds; i++) {
    const due = start + (i * 1000) / rate;
    if (due > Date.now()) await sleep(due - Date.now());
    sends.push(
      postConversation(api, channel, `steady-${rate}-${randomUUID()}`).then(
        (reply) => {
          if (reply.status === 202) accepted.set(reply.body.ticket_id as string, Date.now());
        },
        () => void (failed += 1),
      ),
    );
  }
  await Promise.all(sends);
  let assigned = await stack.assignedAt();
  for (let i = 0; i < 100 && [...accepted.keys()].some((id) => !assigned.has(id)); i++) {
    await sleep(100);
    assigned = await stack.assignedAt();
  }
  const latencies = [...accepted].map(([id, at]) => Math.max(0, (assigned.get(id) ?? Infinity) - at)).sort((a, b) => a - b);
  return { rate, sent: rate * seconds, failed, accepted: accepted.size, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1) ?? NaN };
};

/** As many conversations as 32 connections get accepted in `seconds`. */
const peakIntake = async (stack: Stack, channel: SignedChannel): Promise<{ perSecond: number; cpuMsPerRequest: number; rssMb: number; split: string }> => {
  const api = stack.apis[0]?.baseUrl as string;
  const pid = stack.apis[0]?.pid as number;
  const cpuBefore = await cpuMs(pid);
  let rss = 0;
  const sampler = setInterval(() => void rssMb(pid).then((mb) => (rss = Math.max(rss, mb)), () => {}), 250);
  const until = Date.now() + seconds * 1000;
  let accepted = 0;
  const flatOut = async () => {
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (Date.now() < until) if ((await postConversation(api, channel, `peak-${randomUUID()}`).catch(() => ({ status: 0 }))).status === 202) accepted += 1;
      }),
    );
  };
  const split = await cpuBy({ API: [pid], ...(await stack.parts()), 'load generator': [process.pid] }, flatOut, () => accepted);
  clearInterval(sampler);
  return { perSecond: accepted / seconds, cpuMsPerRequest: ((await cpuMs(pid)) - cpuBefore) / Math.max(1, accepted), rssMb: rss, split };
};

/** 50 rooms at once, 25 agents × 2 on a simulated Qiscus: rooms per second and webhook → assign_agent. */
const qiscusBurst = async (stack: Stack, admin: string) => {
  const api = stack.apis[0]?.baseUrl as string;
  const fake = await FakeQiscus.start();
  try {
    await call(api, 'PATCH', '/api/settings', { max_customers_per_agent: 2 }, admin);
    const { credentials } = fake;
    const integration = await call(api, 'PUT', '/api/integrations/qiscus', { app_code: credentials.appCode, secret_key: credentials.secretKey, base_url: fake.baseUrl }, admin);
    fake.configureAllocationWebhook(integration.body.agent_allocation_url);
    for (let i = 0; i < 25; i++) fake.addAgent();
    const rooms = Array.from({ length: 50 }, (_, i) => `${9_000_000 + i}`);
    const sentAt = new Map<string, number>();
    const start = Date.now();
    await Promise.all(rooms.map((roomId) => (sentAt.set(roomId, Date.now()), fake.customerWrites(roomId))));
    const assignedAt = new Map<string, number>();
    for (let i = 0; i < 300 && assignedAt.size < rooms.length; i++) {
      for (const c of fake.callsTo('/api/v1/admin/service/assign_agent')) {
        const roomId = String(c.body['room_id']);
        if (c.status === 200 && !assignedAt.has(roomId)) assignedAt.set(roomId, c.at ?? Date.now());
      }
      if (assignedAt.size < rooms.length) await sleep(50);
    }
    const latencies = rooms.map((r) => (assignedAt.get(r) ?? Infinity) - (sentAt.get(r) ?? 0)).sort((a, b) => a - b);
    const last = Math.max(...assignedAt.values());
    return { served: assignedAt.size, roomsPerSecond: assignedAt.size / ((last - start) / 1000), p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  } finally {
    await fake.close();
  }
};

const results: Array<string> = [];
for (const name of stacks) {
  const stack = name === 'mariadb' ? await mariadb() : await embedded();
  let peakAccepted = 0;
  try {
    const { admin, channel } = await staff(stack);
    console.log(`\n${stack.name}`);
    const pid = stack.apis[0]?.pid as number;
    // Idle means idle: start-up done and the idle memory trim (apps/shared/idle-memory-trim.ts) had its chance.
    if (phases.has('memory')) await sleep(Number(process.env.BENCH_SETTLE_SECONDS ?? 15) * 1000);
    const idleRss = await rssMb(pid);
    const idleHeap = phases.has('memory') ? `${await heapOf(stack.apis[0]?.baseUrl as string)}${await snapshot(pid)}` : '';
    let floor: IntakeFloor | undefined;
    if (phases.has('floor')) {
      floor = await floorFor(name);
      console.log(`floor (bare ${name === 'mariadb' ? 'mysql2' : 'node:sqlite'}, one connection, ${floor.webhooks} webhooks): ${floor.perSecond.toFixed(0)}/s intake + allocation; intake statements alone ${floor.intakePerSecond.toFixed(0)}/s, p99 ${floor.intakeP99Ms.toFixed(1)} ms`);
    }
    if (phases.has('steady')) {
      console.log('rate/s  accepted  p50 ms  p99 ms  max ms');
      for (const rate of rates) {
        const r = await steady(stack, channel, rate);
        console.log(`${String(r.rate).padStart(6)}  ${String(r.accepted).padStart(8)}  ${String(r.p50).padStart(6)}  ${String(r.p99).padStart(6)}  ${String(r.max).padStart(6)}${r.failed > 0 ? `  (${r.failed} requests failed: the API fell behind)` : ''}`);
        if (name === 'embedded' && rate === 50) results.push(`embedded p99 at 50/s: ${r.p99} ms (≤ ${targets.embeddedP99At50}) ${verdict(r.p99 <= targets.embeddedP99At50)}`);
        if (name === 'mariadb' && rate === 100) results.push(`MariaDB + RabbitMQ p99 at 100/s: ${r.p99} ms (≤ ${targets.mariadbP99At100}) ${verdict(r.p99 <= targets.mariadbP99At100)}`);
      }
    }
    if (phases.has('peak')) {
      const peak = await peakIntake(stack, channel);
      peakAccepted = peak.perSecond * seconds;
      console.log(`peak intake: ${peak.perSecond.toFixed(0)} conversations/s accepted (32 connections, ${seconds} s); API CPU ${peak.cpuMsPerRequest.toFixed(2)} ms per webhook`);
      console.log(peak.split);
      const ofFloor = floor === undefined ? '' : `, ${(peak.perSecond / floor.perSecond).toFixed(2)}× the floor's ${floor.perSecond.toFixed(0)}/s`;
      results.push(`${name} peak intake: ${peak.perSecond.toFixed(0)}/s (≥ ${targets.peakIntake}) ${verdict(peak.perSecond >= targets.peakIntake)} — API CPU ${peak.cpuMsPerRequest.toFixed(2)} ms/webhook${ofFloor}`);
      if (phases.has('memory')) {
        const api = stack.apis[0]?.baseUrl as string;
        const loadedHeap = `${await heapOf(api)}${await snapshot(pid)}`;
        await sleep(idleSeconds * 1000);
        const after = await rssMb(pid);
        console.log(`API RSS: idle ${idleRss.toFixed(0)} MB, under peak load ≤ ${peak.rssMb.toFixed(0)} MB, ${idleSeconds} s after ${after.toFixed(0)} MB`);
        console.log(`API heap: idle ${idleHeap}; right after the load ${loadedHeap}; ${idleSeconds} s after ${await heapOf(api)}${await snapshot(pid)}`);
        results.push(`${name} API RSS: idle ${idleRss.toFixed(0)} MB, peak load ${peak.rssMb.toFixed(0)} MB, ${idleSeconds} s after ${after.toFixed(0)} MB (${((after / idleRss - 1) * 100).toFixed(0)} % over idle; ≤ 20 % ${verdict(after <= idleRss * 1.2)})`);
      }
    }
    if (phases.has('burst')) {
      const burst = await qiscusBurst(stack, admin);
      console.log(`Qiscus burst: ${burst.served}/50 served, ${burst.roomsPerSecond.toFixed(0)} rooms/s, webhook → assign_agent p50 ${burst.p50} ms, p99 ${burst.p99} ms`);
      results.push(`${name} Qiscus burst: ${burst.roomsPerSecond.toFixed(0)} rooms/s (≥ ${targets.roomsPerSecond}) ${verdict(burst.served === 50 && burst.roomsPerSecond >= targets.roomsPerSecond)}, p99 ${burst.p99} ms (≤ ${targets.roomP99}) ${verdict(burst.p99 <= targets.roomP99)}`);
    }
    if (phases.has('flatness')) {
      const flat = await measureFlatness({ api: stack.apis[0]?.baseUrl as string, env: stack.env, insertRows: stack.insertRows, assignedAt: stack.assignedInAnyTenant }, seconds);
      console.log(`flatness (32 connections flat out for ${seconds} s per scenario, a tenant each):\n${flat.lines.join('\n')}`);
      results.push(`${name} flatness across (10 | 1,000 agents) × (0 | 10,000 queued): best/worst peak ${flat.ratio.toFixed(2)}× (≤ ${targets.flatness}) ${verdict(flat.ratio <= targets.flatness)}`);
    }
  } finally {
    if (process.env.BENCH_SHOW_OUTPUT) console.log(stack.apis.map((a) => a.output().slice(-4000)).join('\n'));
    await stack.close();
  }
  if (profileDir !== undefined) {
    const path = await profileIn(profileDir);
    console.log(`API profile (${name}, whole run; per accepted peak webhook):\n${await summarizeProfile(path, Math.max(1, peakAccepted))}`);
  }
}
console.log(`\n${results.join('\n')}`);
