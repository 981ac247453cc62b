import { Effect } from 'effect';
import { openFreshSqlite } from '../support/databases.ts';
import { allContracts } from './all-contracts.ts';
import { backlogProbeContract } from './suites/backlog-probe.contract.ts';
import { outboxFeedContract } from './suites/outbox-feed.contract.ts';

// Every port contract on a brand-new, migrated SQLite file per env.
const makeEnv = async () => {
  const db = await openFreshSqlite();
  return { uow: db.uow, close: () => db.close() };
};

for (const contract of allContracts) contract(makeEnv);

outboxFeedContract(async () => {
  const db = await openFreshSqlite();
  return {
    outbox: (events) => db.uow.transaction((store) => store.outbox.append(events)).pipe(Effect.asVoid),
    feed: db.outboxFeed,
    close: () => db.close(),
  };
});

backlogProbeContract(async () => {
  const db = await openFreshSqlite();
  return { uow: db.uow, probe: db.backlog, feed: db.outboxFeed, close: () => db.close() };
});
