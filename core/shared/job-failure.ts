import type { PermanentJobFailure, RetryableJobFailure, StoreUnavailable } from './errors.ts';

/** Every expected failure a job may end with (what `EventHandler.handle` may fail with). */
export type JobFailure = StoreUnavailable | RetryableJobFailure | PermanentJobFailure;

/** `retry`: delivered again after a backoff, up to the attempt limit; `give-up`: dead-lettered at once. */
export type JobFailureKind = 'retry' | 'give-up';

/**
 * What the job runners do with each failure, by its tag, like the HTTP error table: exhaustive, so a
 * new tag in `JobFailure` without an entry fails the typecheck. A defect (a bug) is always given up on.
 */
export const jobFailureTable: { readonly [T in JobFailure['_tag']]: JobFailureKind } = {
  StoreUnavailable: 'retry',
  RetryableJobFailure: 'retry',
  PermanentJobFailure: 'give-up',
};
