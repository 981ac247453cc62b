import { Effect } from 'effect';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createMysqlDatabase, mysqlServer, type MysqlTestDatabase } from '../support/databases.ts';
import { allContracts } from './all-contracts.ts';
import { backlogProbeContract } from './suites/backlog-probe.contract.ts';
import { outboxFeedContract } from './suites/outbox-feed.contract.ts';
import { rateCounterContract } from './suites/rate-counter.contract.ts';
import { MysqlRateCounter } from '../../adapters/mikro-orm/mysql-rate-counter.ts';

// Every port contract on MariaDB/MySQL: one fresh database for the run, a connection pool per env.
const server = await mysqlServer();

if (server.status === 'ready') {
  let database: MysqlTestDatabase;
  let outboxDatabase: MysqlTestDatabase;
  beforeAll(async () => {
    [database, outboxDatabase] = await Promise.all([createMysqlDatabase(server.url), createMysqlDatabase(server.url)]);
  });
  afterAll(async () => {
    await Promise.all([database?.drop(), outboxDatabase?.drop()]);
  });

  const makeEnv = async () => {
    const db = await database.open();
    return { uow: db.uow, close: () => db.close() };
  };
  for (const contract of allContracts) contract(makeEnv);

  rateCounterContract(async (now) => {
    const target = database.target;
    if (target.dialect !== 'mysql') throw new Error('a MySQL target');
    const counter = await MysqlRateCounter.open(target, now);
    return { counter, close: () => counter.close() };
  });

  // The feed reads every tenant's rows and leases outlive a test: each env starts from an empty outbox.
  outboxFeedContract(async () => {
    const db = await outboxDatabase.open();
    await db.orm.em.fork().getConnection().execute('delete from outbox');
    return {
      outbox: (events) => db.uow.transaction((store) => store.outbox.append(events)).pipe(Effect.asVoid),
      feed: db.outboxFeed,
      close: () => db.close(),
    };
  });

  // Shares the outbox database: the suite drains the outbox itself and asserts per tenant or in deltas.
  backlogProbeContract(async () => {
    const db = await outboxDatabase.open();
    return { uow: db.uow, probe: db.backlog, feed: db.outboxFeed, close: () => db.close() };
  });
} else if (server.status === 'fail') {
  describe('MySQL contracts', () => {
    it('need a reachable MariaDB/MySQL at MYSQL_URL', () => {
      throw new Error(server.reason);
    });
  });
} else {
  describe.skip(`MySQL contracts (${server.reason})`, () => {
    it('run when MYSQL_URL is set', () => {});
  });
}
