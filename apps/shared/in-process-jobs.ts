import { InProcessJobRunner } from '../../adapters/in-process/in-process-job-runner.ts';
import type { JobLogger } from '../../adapters/in-process/job-logger.ts';
import { PeriodicSweeper } from '../../adapters/in-process/periodic-sweeper.ts';
import type { JobObserver } from '../../core/shared/job-observer.port.ts';
import type { OutboxFeed } from '../../core/shared/outbox.port.ts';
import type { Clock } from '../../core/shared/ports.ts';
import type { Jobs, SweepJob } from './jobs.ts';
import type { CommitSignal } from './wake-on-commit.ts';

export interface RunningJobs {
  /** The runner finishes its batch and the sweeps their run; nothing new starts. */
  stop(): Promise<void>;
}

export interface InProcessJobsOptions {
  readonly feed: OutboxFeed;
  readonly clock: Clock;
  readonly logger: JobLogger;
  readonly pollIntervalMs?: number;
  /** The store's commit signal: the runner then runs what this process commits at once, not at the next poll. */
  readonly commits?: CommitSignal;
  /** Told what became of each job run (metrics). */
  readonly observer?: JobObserver;
}

/** Runs each sweep that has a `wake` signal when it signals; returns the unsubscribe function. */
export const wakeSweepers = (sweeps: ReadonlyArray<SweepJob>, sweepers: ReadonlyArray<PeriodicSweeper>): (() => void) => {
  const unsubscribes = sweeps.flatMap((sweep, i) => (sweep.wake === undefined ? [] : [sweep.wake.subscribe(() => void sweepers[i]?.runNow())]));
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
};

/** Runs the jobs without a broker (no `AMQP_URL`): the outbox runner and the periodic sweeps. */
export const startInProcessJobs = (jobs: Jobs, options: InProcessJobsOptions): RunningJobs => {
  const runner = new InProcessJobRunner({
    feed: options.feed,
    clock: options.clock,
    handlers: jobs.handlers,
    logger: options.logger,
    ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
    ...(options.observer === undefined ? {} : { observer: options.observer }),
  });
  const sweepers = jobs.sweeps.map((sweep) => new PeriodicSweeper({ ...sweep, logger: options.logger }));
  const unwake = wakeSweepers(jobs.sweeps, sweepers);
  const unsubscribe = options.commits?.subscribe(() => runner.wake()) ?? (() => {});
  runner.start();
  for (const sweeper of sweepers) sweeper.start();
  return {
    stop: async () => {
      unsubscribe();
      unwake();
      await Promise.all([runner.stop(), ...sweepers.map((s) => s.stop())]);
    },
  };
};
