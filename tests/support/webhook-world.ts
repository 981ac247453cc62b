import { InProcessJobRunner } from '../../adapters/in-process/in-process-job-runner.ts';
import { MikroOrmTenantDirectory } from '../../adapters/mikro-orm/mikro-orm-tenant-directory.ts';
import type { SwitchboardDatabase } from '../../adapters/mikro-orm/open-database.ts';
import { DestinationGuard } from '../../adapters/outbound-http/destination-guard.ts';
import { OutboundHttpClient } from '../../adapters/outbound-http/outbound-http-client.ts';
import { uuidV7Ids } from '../../adapters/system/index.ts';
import { webhookJobs, type WebhookJobs } from '../../apps/shared/webhook-jobs.ts';
import { createMysqlDatabase, openFreshSqlite } from './databases.ts';
import { startHttpApp, type HttpTestEnv, type Staff } from './http-app.ts';

/** A clock the test moves; it starts at the real time (tokens and signatures stay valid until moved far). */
export const movableClock = () => {
  let now = Date.now();
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
};

export interface WebhookWorld {
  readonly env: HttpTestEnv;
  readonly admin: Staff;
  readonly clock: ReturnType<typeof movableClock>;
  readonly jobs: WebhookJobs;
  /** Runs the outbox (the webhooks job fans events out), then the delivery sweep once. */
  deliver(): Promise<void>;
  /** A customer and a ticket, through the API; returns the ticket id. */
  ticket(title?: string): Promise<string>;
  close(): Promise<void>;
}

export interface WorldOptions {
  /** OUTBOUND_ALLOW_PRIVATE_NETWORKS for deliveries (the receivers listen on loopback). */
  readonly deliverToPrivate?: boolean;
  readonly timeoutMs?: number;
  readonly apiEnv?: Readonly<Record<string, string>>;
  /** A MariaDB/MySQL server to run on (a fresh database, dropped on close) instead of SQLite. */
  readonly mysql?: URL;
}

const openDatabase = async (mysql: URL | undefined): Promise<SwitchboardDatabase> => {
  if (mysql === undefined) return openFreshSqlite();
  const created = await createMysqlDatabase(mysql);
  const db = await created.open();
  return { ...db, close: async () => (await db.close(), await created.drop()) };
};

/** The HTTP API on a fresh SQLite file (or MariaDB database), with the webhook jobs driven by the test on a movable clock. */
export const startWebhookWorld = async (options: WorldOptions = {}): Promise<WebhookWorld> => {
  let db: SwitchboardDatabase | undefined;
  const env = await startHttpApp({
    ...(options.apiEnv === undefined ? {} : { env: options.apiEnv }),
    makeStore: async () => {
      db = await openDatabase(options.mysql);
      const opened = db;
      return { uow: opened.uow, directory: new MikroOrmTenantDirectory((mode, work) => opened.uow.withSession(mode, work)), close: () => opened.close() };
    },
  });
  if (db === undefined) throw new Error('no store was opened');
  const database = db;
  const clock = movableClock();
  const http = new OutboundHttpClient(new DestinationGuard({ allowPrivateNetworks: options.deliverToPrivate ?? true }));
  const jobs = webhookJobs({ uow: database.uow, clock, ids: uuidV7Ids, outbound: http, random: () => 0.5, timeoutMs: options.timeoutMs ?? 2_000 });
  const runner = new InProcessJobRunner({ feed: database.outboxFeed, handlers: [jobs.handler], clock, maxAttempts: 1 });
  const { admin } = await env.tenant();
  return {
    env,
    admin,
    clock,
    jobs,
    deliver: async () => {
      while ((await runner.runOnce()) > 0);
      await jobs.sweep.sweep();
    },
    ticket: async (title = 'Hello') => {
      const customer = await env.request('POST', '/api/customers', { token: admin.token, body: { name: 'Cu' } });
      const ticket = await env.request('POST', '/api/tickets', { token: admin.token, body: { title, customer_id: customer.body.id, auto_assign: false } });
      if (ticket.status !== 201) throw new Error(`ticket: ${ticket.status} ${JSON.stringify(ticket.body)}`);
      return ticket.body.id as string;
    },
    close: async () => {
      http.close();
      await env.close();
    },
  };
};

