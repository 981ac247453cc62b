import { MemoryUnitOfWork } from '../../../adapters/memory/memory-unit-of-work.ts';
import { MemoryOutboxFeed } from '../../../adapters/memory/memory-outbox-feed.ts';
import { outboxFeedContract } from '../../contract/suites/outbox-feed.contract.ts';

outboxFeedContract(async () => {
  const uow = new MemoryUnitOfWork();
  return {
    outbox: (events) => uow.transaction((store) => store.outbox.append(events)),
    feed: new MemoryOutboxFeed(uow.db),
    close: async () => {},
  };
});
