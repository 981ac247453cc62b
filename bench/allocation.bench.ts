import { randomBytes, randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'amqplib';
import mysql from 'mysql2/promise';
import { openDatabase } from '../adapters/mikro-orm/open-database.ts';
import { defaultRetryPolicy, eventLogQueueName, exchangeName, queueNames, workQueueName } from '../adapters/rabbitmq/amqp-topology.ts';
import { startApiProcess, startWorkerProcess, type AppProcess } from '../tests/support/system-processes.ts';
import { runFloor, type FloorResult } from './allocation-floor.ts';
import { runStep, type StepResult } from './allocation-load.ts';
import { flatnessScenarios, recreateDatabase, seedScenario, type AllocationScenario } from './allocation-seed.ts';

// `npm run bench:allocation`: allocation throughput and latency through the real processes (API intake →
// outbox → relay → RabbitMQ → worker allocator) on MariaDB, against a bare mysql2 floor. A script, not a test.
const env = (name: string, fallback: string): string => process.env[name] || fallback;
const serverUrl = env('BENCH_MYSQL_URL', 'mysql://root@127.0.0.1:3306');
const amqpUrl = env('BENCH_AMQP_URL', env('AMQP_URL', 'amqp://guest:guest@127.0.0.1:5672'));
const database = env('BENCH_ALLOC_DATABASE', 'switchboard_alloc_bench');
const rates = env('BENCH_RATES', '25,50,100,200,400').split(',').map(Number);
const stepSeconds = Number(env('BENCH_STEP_SECONDS', '3'));
const apiCount = Number(env('BENCH_APIS', '1'));
const workerCount = Number(env('BENCH_WORKERS', '2'));
const floorTickets = Number(env('BENCH_FLOOR_TICKETS', '300'));
const maxInFlight = Number(env('BENCH_MAX_IN_FLIGHT', '64'));
const targets = { floorRatio: 0.5, flatness: 1.3 } as const;
const logDir = process.env.BENCH_LOG_DIR;
const scenarioFilter = process.env.BENCH_SCENARIOS;
if (logDir) mkdirSync(logDir, { recursive: true });
/** `BENCH_SETTLE=0`: start a scenario while the previous one's jobs are still queued (how the first-step stall was found). */
const settle = env('BENCH_SETTLE', '1') !== '0';
const jobHandlers = ['allocation', 'integrations.allocate-rooms'];

/** Messages ready in each job queue (unacknowledged ones are not counted). */
const jobBacklog = async (prefix: string): Promise<Record<string, number>> => {
  const conn = await connect(amqpUrl);
  try {
    const channel = await conn.createChannel();
    const depths: Record<string, number> = {};
    for (const name of jobHandlers) depths[name] = (await channel.checkQueue(workQueueName(prefix, name))).messageCount;
    return depths;
  } finally {
    await conn.close();
  }
};

/**
 * Waits until no job is queued (and none was for 1 s): a burst leaves one allocation job per ticket, and a
 * scenario started before they run would measure the previous scenario's backlog (up to 180 s).
 */
const settleJobs = async (prefix: string): Promise<number> => {
  const started = Date.now();
  let quietSince = 0;
  while (Date.now() - started < 180_000) {
    const total = Object.values(await jobBacklog(prefix)).reduce((a, b) => a + b, 0);
    if (total > 0) quietSince = 0;
    else if (quietSince === 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= 1000) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return Date.now() - started;
};

const allScenarios = flatnessScenarios(floorTickets);
/** `BENCH_SCENARIOS=backlog` (or any text): only the scenarios whose name contains one of the ';'-separated terms ('backlog' = the 10000-queued ones). */
const scenarios = scenarioFilter
  ? allScenarios.filter((s) => scenarioFilter.split(';').some((term) => (term === 'backlog' ? s.backlog > 0 : s.name.includes(term))))
  : allScenarios;

const stamp = () => new Date().toISOString();
const log = (line: string) => {
  process.stderr.write(`${line}\n`);
  if (logDir) appendFileSync(join(logDir, 'bench.log'), `${stamp()} ${line}\n`);
};

/** With `BENCH_LOG_DIR`, appends each process's new stdout/stderr to `<dir>/<name>.log` every 200 ms (and on stop). */
const keepLogs = (processes: ReadonlyArray<AppProcess>): (() => void) => {
  if (!logDir) return () => {};
  const seen = new Map<string, string>();
  const flush = () => {
    for (const p of processes) {
      const out = p.output();
      const before = seen.get(p.name) ?? '';
      const tail = before.slice(-2000);
      const at = tail === '' ? 0 : out.lastIndexOf(tail);
      const fresh = at < 0 ? `\n[log gap]\n${out}` : out.slice(at + tail.length);
      if (fresh !== '') appendFileSync(join(logDir, `${p.name}.log`), fresh);
      seen.set(p.name, out);
    }
  };
  const timer = setInterval(flush, 200);
  return () => {
    clearInterval(timer);
    flush();
  };
};
const pad = (text: string, width: number) => text.padEnd(width);
const num = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

interface ScenarioResult {
  readonly scenario: AllocationScenario;
  readonly floor: FloorResult;
  readonly steps: ReadonlyArray<StepResult>;
}

const table = (results: ReadonlyArray<ScenarioResult>): string => {
  const lines = [`${pad('scenario', 27)} ${pad('load', 10)} ${'sent'.padStart(5)} ${'assigned'.padStart(8)} ${'intake/s'.padStart(8)} ${'alloc/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)}`];
  for (const { scenario, floor, steps } of results) {
    lines.push(`${pad(scenario.name, 27)} ${pad('floor', 10)} ${String(floor.allocations).padStart(5)} ${String(floor.allocations).padStart(8)} ${'-'.padStart(8)} ${num(floor.perSecond).padStart(8)} ${num(floor.p50, 1).padStart(7)} ${num(floor.p99, 1).padStart(7)}`);
    for (const s of steps) {
      lines.push(`${pad('', 27)} ${pad(`${s.rate}/s`, 10)} ${String(s.sent).padStart(5)} ${String(s.assigned).padStart(8)} ${num(s.intakePerSecond).padStart(8)} ${num(s.perSecond).padStart(8)} ${num(s.p50).padStart(7)} ${num(s.p99).padStart(7)}${s.skipped > 0 ? `  (${s.skipped} slots skipped: intake saturated)` : ''}${s.failures > 0 ? `  (${s.failures} not accepted)` : ''}`);
    }
  }
  lines.push('');
  const peaks = results.map((r) => ({ name: r.scenario.name, peak: Math.max(...r.steps.map((s) => s.perSecond)), floor: r.floor.perSecond }));
  for (const { name, peak, floor } of peaks) {
    const ratio = peak / floor;
    lines.push(`${pad(name, 27)} peak ${num(peak)} alloc/s = ${ratio.toFixed(2)}× floor (≥ ${targets.floorRatio}) ${ratio >= targets.floorRatio ? 'PASS' : 'MISS'}`);
  }
  const flat = Math.max(...peaks.map((p) => p.peak)) / Math.min(...peaks.map((p) => p.peak));
  lines.push(`flatness across agent and queue sizes: best/worst peak = ${flat.toFixed(2)}× (≤ ${targets.flatness}) ${flat <= targets.flatness ? 'PASS' : 'MISS'}`);
  return lines.join('\n');
};

const cleanupBroker = async (prefix: string): Promise<void> => {
  const model = await connect(amqpUrl);
  model.on('error', () => {});
  const names = queueNames(prefix, [{ name: 'allocation' }, { name: 'integrations.allocate-rooms' }, { name: 'integrations.resolve-room' }], defaultRetryPolicy);
  for (const queue of names) {
    const channel = await model.createChannel();
    channel.on('error', () => {});
    await channel.deleteQueue(queue).catch(() => {});
    await channel.close().catch(() => {});
  }
  const logChannel = await model.createChannel();
  logChannel.on('error', () => {});
  await logChannel.deleteQueue(eventLogQueueName(prefix)).catch(() => {});
  await logChannel.close().catch(() => {});
  const channel = await model.createChannel();
  await channel.deleteExchange(exchangeName(prefix)).catch(() => {});
  await model.close();
};

const main = async (): Promise<void> => {
  const url = await recreateDatabase(serverUrl, database);
  await (await openDatabase(url)).close();
  // The floor runs on a database of its own: the app's sweeps would otherwise allocate its tickets.
  const floorUrl = await recreateDatabase(serverUrl, `${database}_floor`);
  await (await openDatabase(floorUrl)).close();
  const prefix = `bench-alloc-${randomUUID().slice(0, 8)}`;
  const processEnv = {
    DATABASE_URL: url,
    AMQP_URL: amqpUrl,
    AMQP_PREFIX: prefix,
    JWT_SECRET: randomBytes(32).toString('base64url'),
    SECRETS_KEY: randomBytes(32).toString('base64'),
    CHANNEL_RATE_LIMIT_PER_MINUTE: '1000000',
  };
  const processes: AppProcess[] = [];
  let stopLogs = () => {};
  const sql = mysql.createPool({ uri: url, connectionLimit: 2, timezone: 'Z' });
  try {
    const apis = await Promise.all(Array.from({ length: apiCount }, (_, i) => startApiProcess(`api-${i + 1}`, processEnv)));
    const workers = await Promise.all(Array.from({ length: workerCount }, (_, i) => startWorkerProcess(`worker-${i + 1}`, { ...processEnv, LOG_LEVEL: 'info' })));
    processes.push(...apis, ...workers);
    stopLogs = keepLogs(processes);
    const apiUrls = apis.map((a) => a.baseUrl);
    const results: ScenarioResult[] = [];
    for (const scenario of scenarios) {
      if (settle) log(`[${scenario.name}] waited ${await settleJobs(prefix)} ms for the previous jobs`);
      log(`[${scenario.name}] seeding; jobs queued: ${JSON.stringify(await jobBacklog(prefix))}`);
      const floorSeed = await seedScenario(floorUrl, scenario);
      const floor = await runFloor(floorUrl, floorSeed.tenantId, floorSeed.floorTicketIds);
      const seeded = await seedScenario(url, { ...scenario, floorTickets: 0 });
      log(`[${scenario.name}] floor ${num(floor.perSecond)} alloc/s (${floor.retries} retries); warm-up`);
      const warm = await runStep(apiUrls, seeded.channel, sql, seeded.tenantId, 20, 1);
      log(`[${scenario.name}] warm-up: ${warm.assigned}/${warm.sent} assigned, p50 ${num(warm.p50)} ms, p99 ${num(warm.p99)} ms`);
      const steps: StepResult[] = [];
      for (const rate of rates) {
        log(`[${scenario.name}] step ${rate}/s starts; jobs queued: ${JSON.stringify(await jobBacklog(prefix))}`);
        const step = await runStep(apiUrls, seeded.channel, sql, seeded.tenantId, rate, stepSeconds, 30, maxInFlight);
        log(`[${scenario.name}] ${rate}/s → intake ${num(step.intakePerSecond)}/s, ${num(step.perSecond)} alloc/s, p50 ${num(step.p50)} ms, p99 ${num(step.p99)} ms (${step.assigned}/${step.sent})`);
        steps.push(step);
      }
      results.push({ scenario, floor, steps });
    }
    process.stdout.write(`\n${table(results)}\n`);
  } finally {
    await Promise.all(processes.map((p) => p.signal('SIGTERM')));
    stopLogs();
    const admin = await mysql.createConnection({ uri: serverUrl });
    await admin.query(`drop database if exists \`${database}_floor\``);
    await admin.end();
    await sql.end();
    await cleanupBroker(prefix).catch((error: unknown) => log(`broker cleanup failed: ${String(error)}`));
  }
};

await main();
