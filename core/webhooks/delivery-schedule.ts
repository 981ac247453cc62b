/** Waits after the 1st, 2nd… failed attempt (API.md: about 5 s, 1 min, 5 min, 30 min, 2 h, 8 h), then daily. */
export const retryDelaysMs: ReadonlyArray<number> = [5_000, 60_000, 300_000, 1_800_000, 7_200_000, 28_800_000];
const dayMs = 86_400_000;
/** A delivery is retried this long after its first attempt; an endpoint failing this long is disabled. */
export const retryWindowMs = 3 * dayMs;
/** Each wait is jittered by up to this fraction either way, so endpoints coming back are not hit in step. */
export const jitterFraction = 0.2;

/** The wait after `failures` failed attempts, before jitter. */
export const baseDelayMs = (failures: number): number => retryDelaysMs[failures - 1] ?? dayMs;

/** `ms` jittered by `random` (uniform in [0, 1)). */
export const jittered = (ms: number, random: number): number => Math.round(ms * (1 - jitterFraction + 2 * jitterFraction * random));

/**
 * When to try again after a failed attempt at `now`, or null to give up: retries stop 3 days after the
 * first attempt, the last one falling at that mark.
 */
export const nextAttemptAt = (failures: number, firstAttemptAt: Date, now: Date, random: number): Date | null => {
  const deadline = firstAttemptAt.getTime() + retryWindowMs;
  if (now.getTime() >= deadline) return null;
  return new Date(Math.min(now.getTime() + jittered(baseDelayMs(failures), random), deadline));
};

/** An endpoint whose attempts have all failed since `failingSince` is disabled once that lasts 3 days. */
export const disableDue = (failingSince: Date | null, now: Date): boolean =>
  failingSince !== null && now.getTime() - failingSince.getTime() >= retryWindowMs;

/** An endpoint's failure bookkeeping after an attempt: when its failures began (null after a success) and whether to disable it now. */
export const healthAfter = (failingSince: Date | null, delivered: boolean, now: Date): { readonly failingSince: Date | null; readonly disable: boolean } => {
  if (delivered) return { failingSince: null, disable: false };
  const since = failingSince ?? now;
  return { failingSince: since, disable: disableDue(since, now) };
};
