import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { createMysqlDatabase, type MysqlTestDatabase } from './databases.ts';
import { runCliProcess, startApiProcess, startWorkerProcess, type ApiProcess, type AppProcess } from './system-processes.ts';
import type { SystemServices } from './system-services.ts';

export interface SystemOptions {
  readonly apis: number;
  readonly workers: number;
  /** Added to every process's environment. */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * API and worker processes on one fresh MariaDB database and one RabbitMQ prefix, plus a SQL pool for
 * the test's own inspection. `close` stops what still runs, drops the database and deletes the queues.
 */
export interface SystemWorld {
  /** Created with the CLI before any process starts. */
  readonly tenant: { readonly id: string; readonly adminEmail: string; readonly adminPassword: string };
  readonly env: Readonly<Record<string, string>>;
  readonly prefix: string;
  readonly sql: mysql.Pool;
  readonly apis: ApiProcess[];
  readonly workers: AppProcess[];
  startWorker(): Promise<AppProcess>;
  /** `rabbitmqctl close_all_connections` for this world's virtual host. */
  closeBrokerConnections(): Promise<void>;
  /** The routing keys bound to this prefix's events exchange (the event types that reach a queue). */
  routedTypes(): Promise<string[]>;
  startApi(): Promise<ApiProcess>;
  /** SIGTERM to every process still running; resolves with their exit codes. */
  stopAll(): Promise<Array<number | null>>;
  close(): Promise<void>;
}

const sh = promisify(execFile);

const rabbitmqctl = (...args: string[]) => sh('rabbitmqctl', ['-q', ...args], { timeout: 30_000 });

/** A virtual host of its own, so `close_all_connections --vhost` and cleanup touch nothing else on the broker. */
const createVhost = async (amqpUrl: string, vhost: string): Promise<string> => {
  const url = new URL(amqpUrl);
  await rabbitmqctl('add_vhost', vhost);
  await rabbitmqctl('set_permissions', '-p', vhost, decodeURIComponent(url.username) || 'guest', '.*', '.*', '.*');
  url.pathname = `/${encodeURIComponent(vhost)}`;
  return url.toString();
};

const databaseUrl = (db: MysqlTestDatabase): string => {
  const t = db.target as { host: string; port: number; user: string; password: string; database: string };
  const auth = t.password === '' ? encodeURIComponent(t.user) : `${encodeURIComponent(t.user)}:${encodeURIComponent(t.password)}`;
  return `mysql://${auth}@${t.host}:${t.port}/${t.database}`;
};

export const openSystem = async (services: Extract<SystemServices, { status: 'ready' }>, options: SystemOptions): Promise<SystemWorld> => {
  const prefix = `sbsys-${randomUUID().slice(0, 8)}`;
  const amqpUrl = await createVhost(services.amqpUrl, prefix);
  const database = await createMysqlDatabase(services.mysqlUrl);
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl(database),
    AMQP_URL: amqpUrl,
    AMQP_PREFIX: prefix,
    JWT_SECRET: randomBytes(32).toString('base64url'),
    SECRETS_KEY: randomBytes(32).toString('base64'),
    CHANNEL_RATE_LIMIT_PER_MINUTE: '1000000',
    OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true',
    ...options.env,
  };
  const sql = mysql.createPool({ uri: env.DATABASE_URL, connectionLimit: 4, timezone: 'Z' });
  const adminEmail = `admin-${prefix}@system.test`;
  const adminPassword = randomBytes(12).toString('hex');
  const cli = ['tenant', 'create', '--name', `System ${prefix}`, '--admin-email', adminEmail, '--admin-password', adminPassword];
  const output = await runCliProcess(cli, env).catch(async (error: unknown) => {
    await sql.end();
    await database.drop();
    await rabbitmqctl('delete_vhost', prefix);
    throw error;
  });
  const created = JSON.parse(output) as { tenant: { id: string } };
  const apis: ApiProcess[] = [];
  const workers: AppProcess[] = [];
  let started = 0;
  const startApi = async () => {
    const api = await startApiProcess(`api-${++started}`, env);
    apis.push(api);
    return api;
  };
  const startWorker = async () => {
    const worker = await startWorkerProcess(`worker-${++started}`, env);
    workers.push(worker);
    return worker;
  };
  const stopAll = () => Promise.all([...apis, ...workers].filter((p) => p.alive()).map((p) => p.signal('SIGTERM')));
  const world: SystemWorld = {
    tenant: { id: created.tenant.id, adminEmail, adminPassword },
    env,
    prefix,
    sql,
    apis,
    workers,
    startApi,
    startWorker,
    closeBrokerConnections: async () => {
      await rabbitmqctl('close_all_connections', '--vhost', prefix, 'switchboard system test');
    },
    routedTypes: async () => {
      const { stdout } = await rabbitmqctl('list_bindings', '-p', prefix, 'source_name', 'routing_key');
      const keys = stdout.split('\n').map((line) => line.split('\t')).filter(([source]) => source === `${prefix}.events`).map(([, key]) => key ?? '');
      return [...new Set(keys)];
    },
    stopAll,
    close: async () => {
      await stopAll();
      await Promise.all([...apis, ...workers].map((p) => p.signal('SIGKILL')));
      await sql.end().catch(() => {});
      await database.drop();
      await rabbitmqctl('delete_vhost', prefix);
    },
  };
  try {
    await Promise.all([
      ...Array.from({ length: options.apis }, () => startApi()),
      ...Array.from({ length: options.workers }, () => startWorker()),
    ]);
  } catch (error) {
    await world.close();
    throw error;
  }
  return world;
};
