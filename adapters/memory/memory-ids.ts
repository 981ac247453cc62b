import { v7 } from 'uuid';
import type { Clock, IdGenerator } from '../../core/shared/ports.ts';

export const systemClock: Clock = { now: () => new Date() };
export const uuidV7Ids: IdGenerator = { next: () => v7() };
