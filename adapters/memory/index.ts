/** The in-memory adapters: every store port, shipped for embedding and for tests without infrastructure. */
export { MemoryDatabase, MemoryTable } from './memory-database.ts';
export { MemoryUnitOfWork } from './memory-unit-of-work.ts';
export { MemoryOutboxFeed } from './memory-outbox-feed.ts';
export { systemClock, uuidV7Ids } from './memory-ids.ts';
export { MemoryRateCounter } from './memory-rate-counter.ts';
