import { MemoryRateCounter } from '../../adapters/memory/memory-rate-counter.ts';
import { MemoryUnitOfWork } from '../../adapters/memory/memory-unit-of-work.ts';
import { MemoryBacklogProbe } from '../../adapters/memory/memory-backlog-probe.ts';
import { MemoryOutboxFeed } from '../../adapters/memory/memory-outbox-feed.ts';
import { allContracts } from './all-contracts.ts';
import { backlogProbeContract } from './suites/backlog-probe.contract.ts';
import { rateCounterContract } from './suites/rate-counter.contract.ts';

const makeEnv = async () => ({ uow: new MemoryUnitOfWork(), close: async () => {} });

for (const contract of allContracts) contract(makeEnv);

rateCounterContract(async (now) => ({ counter: new MemoryRateCounter(now), close: async () => {} }));

backlogProbeContract(async () => {
  const uow = new MemoryUnitOfWork();
  return { uow, probe: new MemoryBacklogProbe(uow.db), feed: new MemoryOutboxFeed(uow.db), close: async () => {} };
});
