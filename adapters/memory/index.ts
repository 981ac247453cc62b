/** The in-memory adapters: every store port, shipped for embedding and for tests without infrastructure. */
export { MemoryDatabase, MemoryTable } from './memory-database.ts';
export { MemoryUnitOfWork } from './memory-unit-of-work.ts';
export { MemoryOutboxFeed } from './memory-outbox-feed.ts';
/**
 * The production clock and ids, kept here for embedders of 0.2; their home is `switchboard/system`.
 * @deprecated Import `systemClock` and `uuidV7Ids` from `switchboard/system`.
 */
export { systemClock, uuidV7Ids } from '../system/index.ts';
export { MemoryRateCounter } from './memory-rate-counter.ts';
