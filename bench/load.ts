import { readFileSync } from 'node:fs';
import autocannon, { type RawRequest, type Result } from 'autocannon';

export interface LoadSettings {
  readonly connections: number;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  /** Requests per second over all connections (autocannon's overallRate); 0: as fast as the server answers. */
  readonly rate: number;
}

export interface Scenario {
  readonly name: string;
  readonly request: (token: string) => RawRequest & { setupRequest?: (request: RawRequest) => RawRequest };
}

export interface Measured {
  readonly scenario: string;
  readonly server: 'api' | 'bare';
  readonly reqPerSec: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly statuses: string;
  /** CPU (user + system) the server process used per request in the measured run; NaN where /proc is missing. */
  readonly cpuMsPerRequest: number;
}

// utime + stime of a process in ms (Linux, USER_HZ 100).
const cpuMs = (pid: number | undefined): number => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
};

/** A `BENCH_*` variable, or the fallback when it is unset or empty. */
export const setting = (name: string, fallback: string): string => process.env[name] || fallback;
const number = (name: string, fallback: number): number => Number(setting(name, String(fallback)));

/** The data set and load both HTTP benches use (bench/README.md lists the variables). */
export const loadSettings = () => ({
  plan: {
    tickets: number('BENCH_TICKETS', 100_000),
    averageMessagesPerTicket: number('BENCH_MESSAGES_PER_TICKET', 10),
    customers: number('BENCH_CUSTOMERS', 10_000),
    budgetSeconds: number('BENCH_SEED_SECONDS', 180),
  },
  load: { connections: number('BENCH_CONNECTIONS', 32), durationSeconds: number('BENCH_DURATION', 10), warmupSeconds: number('BENCH_WARMUP', 3), rate: number('BENCH_RATE', 0) } satisfies LoadSettings,
  rounds: number('BENCH_ROUNDS', 2),
});

export const targets = { throughputRatio: 0.8, p99Ratio: 1.5 } as const;

export const listOpenTickets: Scenario = {
  name: 'GET /api/tickets?status=open&limit=50',
  request: (token) => ({ method: 'GET', path: '/api/tickets?status=open&limit=50', headers: { authorization: `Bearer ${token}` } }),
};

/** Posts spread uniformly over the given (non-closed) ticket ids. */
export const postMessages = (ticketIds: ReadonlyArray<string>): Scenario => ({
  name: 'POST /api/tickets/{id}/conversations',
  request: (token) => ({
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ message: 'Thanks for waiting: your parcel left the depot this morning. 📦' }),
    setupRequest: (request) => ({
      ...request,
      path: `/api/tickets/${ticketIds[Math.floor(Math.random() * ticketIds.length)]}/conversations`,
    }),
  }),
});

const fire = (url: string, token: string, scenario: Scenario, settings: LoadSettings, duration: number): Promise<Result> =>
  autocannon({ url, connections: settings.connections, duration, timeout: 10, title: scenario.name, requests: [scenario.request(token)], ...(settings.rate > 0 ? { overallRate: settings.rate } : {}) });

/** A warm-up run (discarded, lets the JIT and the pools settle), then the measured run. */
export const measure = async (
  server: Measured['server'],
  target: { readonly url: string; readonly pid: number | undefined },
  token: string,
  scenario: Scenario,
  settings: LoadSettings,
): Promise<Measured> => {
  const { url, pid } = target;
  if (settings.warmupSeconds > 0) await fire(url, token, scenario, settings, settings.warmupSeconds);
  const cpuBefore = cpuMs(pid);
  const result = await fire(url, token, scenario, settings, settings.durationSeconds);
  const cpu = cpuMs(pid) - cpuBefore;
  return {
    scenario: scenario.name,
    server,
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    statuses: Object.entries(result.statusCodeStats)
      .map(([code, { count }]) => `${code}×${count}`)
      .join(' '),
    cpuMsPerRequest: cpu / Math.max(1, result.requests.total),
  };
};

/** Several rounds of one server and scenario as one row: mean req/s, mean p50 and mean p99, summed counts. */
export const combine = (rounds: ReadonlyArray<Measured>): Measured => {
  const first = rounds[0];
  if (first === undefined) throw new Error('no rounds to combine');
  const mean = (pick: (m: Measured) => number) => rounds.reduce((sum, m) => sum + pick(m), 0) / rounds.length;
  return {
    ...first,
    reqPerSec: mean((m) => m.reqPerSec),
    p50: Math.round(mean((m) => m.p50) * 10) / 10,
    p99: Math.round(mean((m) => m.p99) * 10) / 10,
    non2xx: rounds.reduce((sum, m) => sum + m.non2xx, 0),
    errors: rounds.reduce((sum, m) => sum + m.errors, 0),
    cpuMsPerRequest: mean((m) => m.cpuMsPerRequest),
  };
};

const pad = (text: string, width: number): string => (text.length >= width ? text : text + ' '.repeat(width - text.length));
const lpad = (text: string, width: number): string => (text.length >= width ? text : ' '.repeat(width - text.length) + text);

/** The results table: each API row against the bare row of the same scenario, with PASS/MISS per target. */
export const resultsTable = (rows: ReadonlyArray<Measured>): string => {
  const header = `${pad('scenario', 38)} ${pad('server', 6)} ${lpad('req/s', 8)} ${lpad('p50 ms', 7)} ${lpad('p99 ms', 7)} ${lpad('non2xx', 7)} ${lpad('errors', 6)} ${lpad('cpu ms/req', 10)}  ${pad('throughput ratio', 21)} p99 ratio`;
  const lines = [header, '-'.repeat(header.length + 12)];
  for (const row of rows) {
    const floor = rows.find((r) => r.scenario === row.scenario && r.server === 'bare');
    let ratios = '';
    if (row.server === 'api' && floor !== undefined) {
      const throughput = row.reqPerSec / floor.reqPerSec;
      const p99 = row.p99 / Math.max(floor.p99, 1);
      ratios = `${pad(`${throughput.toFixed(2)}× (≥ ${targets.throughputRatio}) ${throughput >= targets.throughputRatio ? 'PASS' : 'MISS'}`, 21)} ${p99.toFixed(2)}× (≤ ${targets.p99Ratio}) ${p99 <= targets.p99Ratio ? 'PASS' : 'MISS'}`;
    }
    lines.push(
      `${pad(row.scenario, 38)} ${pad(row.server, 6)} ${lpad(row.reqPerSec.toFixed(0), 8)} ${lpad(String(row.p50), 7)} ${lpad(String(row.p99), 7)} ${lpad(String(row.non2xx), 7)} ${lpad(String(row.errors), 6)} ${lpad(row.cpuMsPerRequest.toFixed(2), 10)}  ${ratios}`,
    );
  }
  return lines.join('\n');
};
