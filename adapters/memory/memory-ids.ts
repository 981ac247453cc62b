import { v7 } from 'uuid';
import type { Clock, IdGenerator } from '../../core/shared/ports.ts';

/** The machine's clock. */
export const systemClock: Clock = { now: () => new Date() };
/** UUIDv7 ids: random, and sorting in creation order. */
export const uuidV7Ids: IdGenerator = { next: () => v7() };
