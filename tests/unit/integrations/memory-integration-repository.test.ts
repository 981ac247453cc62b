import { MemoryUnitOfWork } from '../../../adapters/memory/memory-unit-of-work.ts';
import { integrationRepositoryContract } from '../../contract/suites/integration-repository.contract.ts';

// Until the suite joins all-contracts.ts, the memory store runs it here.
integrationRepositoryContract(async () => ({ uow: new MemoryUnitOfWork(), close: async () => {} }));
