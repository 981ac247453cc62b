import { v7 } from 'uuid';
import type { IdGenerator } from '../../core/shared/ports.ts';

/** UUIDv7 ids: random, and sorting in creation order. */
export const uuidV7Ids: IdGenerator = { next: () => v7() };
