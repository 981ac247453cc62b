/** The production clock and id generator: the machine's time and UUIDv7 ids. */
export { systemClock } from './system-clock.ts';
export { uuidV7Ids } from './uuid-v7-ids.ts';
