/** Exponential backoff: `baseMs`, doubling per attempt, capped at `maxMs`. */
export const exponentialBackoff =
  (baseMs: number, maxMs: number) =>
  (attempt: number): number =>
    Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
