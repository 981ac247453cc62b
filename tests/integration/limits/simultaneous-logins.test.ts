import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryUnitOfWork } from '../../../adapters/memory/memory-unit-of-work.ts';
import type { UnitOfWork } from '../../../core/shared/unit-of-work.port.ts';
import { openLimiterStore, type LimiterStore } from '../../../apps/shared/limiters.ts';
import type { SwitchboardDatabase } from '../../../adapters/mikro-orm/open-database.ts';
import { createMysqlDatabase, mysqlServer, type MysqlTestDatabase } from '../../support/databases.ts';
import { createTenant, freshAddress, startApi, unknownEmail, type ApiProcess } from './limits-harness.ts';

// Finding 4 of the review: the limit used to be checked first and counted after, so 50 simultaneous wrong
// passwords were all checked. Now each attempt is counted before its password is checked.
const limits = { LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_ADDRESS: '5' };

const statuses = async (attempts: ReadonlyArray<Promise<{ status: number }>>): Promise<Record<number, number>> => {
  const counts: Record<number, number> = {};
  for (const { status } of await Promise.all(attempts)) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
};

const suite = (open: () => Promise<{ readonly uow: UnitOfWork; readonly apis: ReadonlyArray<ApiProcess>; close(): Promise<void> }>) => {
  let world: Awaited<ReturnType<typeof open>>;
  beforeAll(async () => {
    world = await open();
  });
  afterAll(() => world?.close());
  const on = (i: number): ApiProcess => world.apis[i % world.apis.length] as ApiProcess;

  it('checks exactly 3 of 50 simultaneous wrong passwords for one account (limit 3); the rest get 429', async () => {
    const admin = await createTenant(world.uow);
    const address = freshAddress();
    const counts = await statuses(Array.from({ length: 50 }, (_, i) => on(i).login(admin.email, `wrong-password-${i}`, address)));
    expect(counts).toEqual({ 401: 3, 429: 47 });
    expect((await on(0).login(admin.email, admin.password, address)).status).toBe(429);
  });

  it('checks exactly 5 of 50 simultaneous wrong passwords from one address across accounts (limit 5)', async () => {
    const address = freshAddress();
    const counts = await statuses(Array.from({ length: 50 }, (_, i) => on(i).login(unknownEmail(), 'wrong-password-1', address)));
    expect(counts).toEqual({ 401: 5, 429: 45 });
  });

  it('gives a success its attempt back: after 10 successes from one address, 5 failures are still checked there', async () => {
    const admin = await createTenant(world.uow);
    const address = freshAddress();
    for (let i = 0; i < 10; i++) expect((await on(i).login(admin.email, admin.password, address)).status).toBe(200);
    const counts = await statuses(Array.from({ length: 8 }, (_, i) => on(i).login(unknownEmail(), 'wrong-password-1', address)));
    expect(counts).toEqual({ 401: 5, 429: 3 });
  });
};

describe('simultaneous logins, one process with memory counters', () => {
  suite(async () => {
    const uow = new MemoryUnitOfWork();
    const store = await openLimiterStore('memory:');
    const api = await startApi({ uow, limits: store, env: limits });
    return { uow, apis: [api], close: () => api.close() };
  });
});

const server = await mysqlServer();
const databaseUrl = (base: URL, database: string): string => Object.assign(new URL(base), { pathname: `/${database}` }).toString();

if (server.status === 'ready') {
  describe('simultaneous logins, two API processes sharing the counters on MariaDB/MySQL', () => {
    suite(async () => {
      const database: MysqlTestDatabase = await createMysqlDatabase(server.url);
      const name = database.target.dialect === 'mysql' ? database.target.database : '';
      const processes: Array<{ db: SwitchboardDatabase; store: LimiterStore; api: ApiProcess }> = [];
      for (let i = 0; i < 2; i++) {
        const db = await database.open();
        const store = await openLimiterStore(databaseUrl(server.url, name));
        processes.push({ db, store, api: await startApi({ uow: db.uow, limits: store, databaseUrl: databaseUrl(server.url, name), env: limits }) });
      }
      return {
        uow: (processes[0] as { db: SwitchboardDatabase }).db.uow,
        apis: processes.map((p) => p.api),
        close: async () => {
          for (const p of processes) {
            await p.api.close();
            await p.store.close();
            await p.db.close();
          }
          await database.drop();
        },
      };
    });
  });
} else if (server.status === 'fail') {
  describe('simultaneous logins on MariaDB/MySQL', () => it('needs a reachable MariaDB/MySQL at MYSQL_URL', () => Promise.reject(new Error(server.reason))));
} else describe.skip(`simultaneous logins on MariaDB/MySQL (${server.reason})`, () => it('runs when MYSQL_URL is set', () => {}));
