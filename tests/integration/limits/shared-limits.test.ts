import { createConnection, type Connection } from 'mysql2/promise';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SwitchboardDatabase } from '../../../adapters/mikro-orm/open-database.ts';
import { rateLimitTable } from '../../../adapters/mikro-orm/mysql-rate-counter.ts';
import { openLimiterStore, type LimiterStore } from '../../../apps/shared/limiters.ts';
import { createMysqlDatabase, mysqlServer, type MysqlTestDatabase } from '../../support/databases.ts';
import { createTenant, freshAddress, startApi, tcpProxy, unknownEmail, type ApiProcess, type TcpProxy } from './limits-harness.ts';

// Limits (limits-harness.ts): 4 failures per account, 6 per address, 4 webhook requests per channel per minute.
const server = await mysqlServer();

/** One API instance on the shared database: its own store pool, its own limiter pool (as `npm start` builds them). */
interface Process {
  readonly api: ApiProcess;
  readonly db: SwitchboardDatabase;
  readonly limiters: LimiterStore;
  close(): Promise<void>;
}

const databaseUrl = (base: URL, database: string, port?: number): string => {
  const url = new URL(base);
  url.pathname = `/${database}`;
  if (port !== undefined) {
    url.hostname = '127.0.0.1';
    url.port = String(port);
  }
  return url.toString();
};

const suite = (url: URL): void => {
  let database: MysqlTestDatabase;
  let name: string;
  const running: Process[] = [];

  const startProcess = async (options: { limiterPort?: number; operationTimeoutMs?: number } = {}): Promise<Process> => {
    const db = await database.open();
    const limiters = await openLimiterStore(databaseUrl(url, name, options.limiterPort), { operationTimeoutMs: options.operationTimeoutMs ?? 3_000 });
    const api = await startApi({ uow: db.uow, limits: limiters, databaseUrl: databaseUrl(url, name) });
    const instance: Process = {
      api,
      db,
      limiters,
      close: async () => {
        running.splice(running.indexOf(instance), 1);
        await api.close();
        await limiters.close();
        await db.close();
      },
    };
    running.push(instance);
    return instance;
  };

  beforeAll(async () => {
    database = await createMysqlDatabase(url);
    name = database.target.dialect === 'mysql' ? database.target.database : '';
  });
  afterEach(async () => {
    for (const instance of [...running]) await instance.close();
  });
  afterAll(() => database?.drop());

  describe('two API processes on one database', () => {
    let a: Process;
    let b: Process;
    beforeEach(async () => {
      a = await startProcess();
      b = await startProcess();
    });

    it('share the per-account login limit: failures split across both reach it together', async () => {
      const admin = await createTenant(a.db.uow);
      const address = freshAddress();
      for (const instance of [a, b, a, b]) expect((await instance.api.login(admin.email, 'wrong-password-1', address)).status).toBe(401);
      for (const instance of [a, b]) {
        const res = await instance.api.login(admin.email, admin.password, address);
        expect(res.status).toBe(429);
        expect(res.body.error.code).toBe('rate_limited');
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(900);
      }
    });

    it('share the reset: a success on one instance clears the failures the other counted', async () => {
      const admin = await createTenant(a.db.uow);
      const address = freshAddress();
      for (let i = 0; i < 3; i++) expect((await a.api.login(admin.email, 'wrong-password-1', address)).status).toBe(401);
      expect((await b.api.login(admin.email, admin.password, address)).status).toBe(200);
      const other = freshAddress();
      for (let i = 0; i < 3; i++) expect((await a.api.login(admin.email, 'wrong-password-1', other)).status).toBe(401);
      expect((await b.api.login(admin.email, admin.password, other)).status).toBe(200);
    });

    it('share the per-address limit across accounts', async () => {
      const address = freshAddress();
      for (const instance of [a, b, a, b, a, b]) expect((await instance.api.login(unknownEmail(), 'wrong-password-1', address)).status).toBe(401);
      expect((await a.api.login(unknownEmail(), 'wrong-password-1', address)).status).toBe(429);
      expect((await b.api.login(unknownEmail(), 'wrong-password-1', freshAddress())).status).toBe(401);
    });

    it('share the per-channel webhook limit, and a refused request has no effect', async () => {
      const admin = await createTenant(a.db.uow);
      const token: string = (await a.api.login(admin.email, admin.password, freshAddress())).body.access_token;
      const channel = (await a.api.request('POST', '/api/channels', { token, body: { name: 'Web form' } })).body;
      const payload = (i: number) => ({ customer_external_id: 'shopper-1', message: `message ${i}` });
      const accepted = [];
      for (const [i, instance] of [a, b, a, b].entries()) {
        const res = await instance.api.webhook(channel, payload(i));
        expect(res.status).toBe(202);
        accepted.push(res.body);
      }
      for (const instance of [a, b]) {
        const res = await instance.api.webhook(channel, payload(9));
        expect(res.status).toBe(429);
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      }
      const messages = await b.api.request('GET', `/api/tickets/${accepted[0].ticket_id}/conversations`, { token });
      expect(messages.body.data.map((m: { message: string }) => m.message)).toEqual(['message 0', 'message 1', 'message 2', 'message 3']);
    });

    it('keep neither emails nor addresses in the counter table', async () => {
      const email = unknownEmail();
      await a.api.login(email, 'wrong-password-1', '10.9.8.7');
      const [rows] = await (await adminConnection()).query(`select \`key\` from \`${name}\`.\`${rateLimitTable}\``);
      const keys = (rows as Array<{ key: string }>).map((r) => r.key);
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.some((k) => k.includes('@') || k.includes('10.9.8.7'))).toBe(false);
    });
  });

  it('keeps the counters across a restart within the window', async () => {
    const first = await startProcess();
    const admin = await createTenant(first.db.uow);
    const address = freshAddress();
    for (let i = 0; i < 4; i++) expect((await first.api.login(admin.email, 'wrong-password-1', address)).status).toBe(401);
    await first.close();
    const restarted = await startProcess();
    expect((await restarted.api.login(admin.email, admin.password, address)).status).toBe(429);
  });

  describe('when the counter database does not answer', () => {
    let proxy: TcpProxy;
    let instance: Process;
    beforeEach(async () => {
      proxy = await tcpProxy({ host: url.hostname, port: Number(url.port || 3306) });
      instance = await startProcess({ limiterPort: proxy.port, operationTimeoutMs: 1_000 });
    });
    afterEach(() => proxy.up().catch(() => {}));

    it('answers 503 unavailable, never letting the attempt through, and recovers when it is back', async () => {
      const admin = await createTenant(instance.db.uow);
      const address = freshAddress();
      expect((await instance.api.login(admin.email, 'wrong-password-1', address)).status).toBe(401);
      await proxy.down();
      for (const password of ['wrong-password-1', admin.password]) {
        const res = await instance.api.login(admin.email, password, address);
        expect(res.status).toBe(503);
        expect(res.body.error.code).toBe('unavailable');
      }
      await proxy.up();
      expect((await instance.api.login(admin.email, admin.password, address)).status).toBe(200);
    });

    it('answers 503 within the operation timeout when the counter table is locked', async () => {
      const admin = await createTenant(instance.db.uow);
      const locker = await adminConnection(name);
      await locker.query(`lock tables \`${rateLimitTable}\` write`);
      try {
        const started = Date.now();
        const res = await instance.api.login(admin.email, admin.password, freshAddress());
        expect(res.status).toBe(503);
        expect(Date.now() - started).toBeLessThan(5_000);
      } finally {
        await locker.query('unlock tables');
      }
    });
  });

  const connections: Connection[] = [];
  const adminConnection = async (db?: string): Promise<Connection> => {
    const connection = await createConnection({
      host: url.hostname,
      port: Number(url.port || 3306),
      user: decodeURIComponent(url.username) || 'root',
      password: decodeURIComponent(url.password),
      ...(db === undefined ? {} : { database: db }),
    });
    connections.push(connection);
    return connection;
  };
  afterAll(async () => {
    for (const connection of connections) await connection.end();
  });
};

if (server.status === 'ready') describe('login and channel limits on MariaDB/MySQL', () => suite(server.url));
else if (server.status === 'fail') describe('login and channel limits on MariaDB/MySQL', () => it('needs a reachable MariaDB/MySQL at MYSQL_URL', () => Promise.reject(new Error(server.reason))));
else describe.skip(`login and channel limits on MariaDB/MySQL (${server.reason})`, () => it('runs when MYSQL_URL is set', () => {}));
