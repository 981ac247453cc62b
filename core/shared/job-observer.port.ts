/** What became of one run of a job: it succeeded, failed and will run again, or failed for good (dead-lettered). */
export type JobOutcome = 'processed' | 'retried' | 'dead_lettered';

/** Where the job runners (in-process or RabbitMQ) report each settled job run, e.g. for metrics. */
export interface JobObserver {
  jobSettled(job: string, outcome: JobOutcome): void;
}

export const ignoreJobs: JobObserver = { jobSettled: () => {} };
