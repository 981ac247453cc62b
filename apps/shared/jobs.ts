import { Effect } from 'effect';
import type { JobLogger } from '../../adapters/in-process/job-logger.ts';
import { allocationHandler, allocationSweep, type AllocationJobDeps, type JobHandler } from './allocation-jobs.ts';

/** A periodic job, run every `intervalMs` by a `PeriodicSweeper`. */
export interface SweepJob {
  readonly name: string;
  readonly intervalMs: number;
  readonly sweep: () => Promise<unknown>;
}

/** What both the API (in-process mode) and the worker run. */
export interface Jobs {
  readonly handlers: ReadonlyArray<JobHandler>;
  readonly sweeps: ReadonlyArray<SweepJob>;
}

export interface JobsDeps extends AllocationJobDeps {
  readonly allocationSweepSeconds: number;
  readonly logger?: JobLogger;
}

/** The event handlers and periodic sweeps of Switchboard, built from the store's ports. */
export const buildJobs = (deps: JobsDeps): Jobs => {
  const sweep = allocationSweep(deps);
  return {
    handlers: [allocationHandler(deps)],
    sweeps: [
      {
        name: 'allocation-sweep',
        intervalMs: deps.allocationSweepSeconds * 1000,
        sweep: async () => {
          const report = await Effect.runPromise(sweep());
          if (report.assigned > 0) deps.logger?.info({ ...report }, 'allocation sweep assigned waiting tickets');
          return report;
        },
      },
    ],
  };
};
