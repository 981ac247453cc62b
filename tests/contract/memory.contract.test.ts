import { MemoryUnitOfWork } from '../../adapters/memory/memory-unit-of-work.ts';
import { allContracts } from './all-contracts.ts';

const makeEnv = async () => ({ uow: new MemoryUnitOfWork(), close: async () => {} });

for (const contract of allContracts) contract(makeEnv);
