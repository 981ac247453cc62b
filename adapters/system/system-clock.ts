import type { Clock } from '../../core/shared/ports.ts';

/** The machine's clock: what every app runs on (tests drive their own). */
export const systemClock: Clock = { now: () => new Date() };
