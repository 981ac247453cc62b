import { MemoryRateCounter } from '../../adapters/memory/memory-rate-counter.ts';
import { MemoryUnitOfWork } from '../../adapters/memory/memory-unit-of-work.ts';
import { allContracts } from './all-contracts.ts';
import { rateCounterContract } from './suites/rate-counter.contract.ts';

const makeEnv = async () => ({ uow: new MemoryUnitOfWork(), close: async () => {} });

for (const contract of allContracts) contract(makeEnv);

rateCounterContract(async (now) => ({ counter: new MemoryRateCounter(now), close: async () => {} }));
