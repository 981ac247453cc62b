import type { Logger } from 'pino';
import type { HttpApp } from '../../adapters/http-koa/app.ts';
import type { HttpUseCases } from '../../adapters/http-koa/http-deps.ts';
import { startInProcessJobs, type RunningJobs } from '../shared/in-process-jobs.ts';
import { openLimiterStore, type LimiterStore } from '../shared/limiters.ts';
import type { OpenStore } from '../shared/open-store.ts';
import { openRoot, type Root } from '../shared/root.ts';
import { startApiRelay } from './api-relay.ts';
import type { ApiConfig } from './config.ts';
import { buildApiParts, rootSettingsOf } from './composition.ts';
import { apiReadiness } from './readiness.ts';
import type { CoreDeps } from './use-case-factories.ts';

/** What each failing start step logs, and says on the console (followed by the redacted database URL). */
export const startFailures = {
  database: { log: 'cannot open the database', message: 'Cannot open the database' },
  limiters: { log: 'cannot open the rate-limit counters', message: 'Cannot open the rate-limit counters in' },
} as const;

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Which step of bringing the API up failed; `cause` is the underlying error. */
export class ApiStartError extends Error {
  override readonly name = 'ApiStartError';
  readonly step: keyof typeof startFailures;

  constructor(step: keyof typeof startFailures, cause: unknown) {
    super(`${startFailures[step].message}: ${errorText(cause)}`, { cause });
    this.step = step;
  }
}

/** The API's running parts, built from its config: what `npm start` serves and what `createSwitchboard` returns. */
export interface ApiSystem {
  readonly config: ApiConfig;
  readonly store: OpenStore;
  readonly coreDeps: CoreDeps;
  readonly useCases: HttpUseCases;
  readonly app: HttpApp;
  /** The background jobs: in this process without `AMQP_URL`, else only this process's outbox relay (the worker runs the jobs). */
  startJobs(): RunningJobs;
  /** Closes the rate-limit counters and the database (stop the jobs and the server first). */
  close(): Promise<void>;
}

/** Opens the composition root (store migrated) and the rate-limit counters, then builds the API on them; throws `ApiStartError`. */
export const composeApi = async (config: ApiConfig, logger: Logger): Promise<ApiSystem> => {
  const root: Root = await openRoot(rootSettingsOf(config)).catch((error: unknown) => {
    throw new ApiStartError('database', error);
  });
  const { store } = root;
  let limiters: LimiterStore;
  try {
    limiters = await openLimiterStore(config.databaseUrl);
  } catch (error) {
    await root.close();
    throw new ApiStartError('limiters', error);
  }
  const { coreDeps, useCases, app, metrics } = buildApiParts(config, logger, store.uow, { readiness: apiReadiness(store, config.amqpUrl), limits: limiters, parts: root });
  // What this process commits (its requests and in-process jobs) reaches its own live-event streams at once.
  const unfollow = store.commits.subscribe((events) => app.events.notify(events));
  const startJobs = (): RunningJobs => {
    if (config.amqpUrl !== null) return startApiRelay(store, { url: config.amqpUrl, prefix: config.amqpPrefix }, logger, app.events);
    const jobs = root.jobs({ allocationSweepSeconds: config.allocationSweepSeconds, logger });
    logger.info({ handlers: jobs.handlers.map((h) => h.name), sweepSeconds: config.allocationSweepSeconds }, 'no AMQP_URL: jobs run in-process');
    const observer = metrics === null ? {} : { observer: metrics.prometheus };
    return startInProcessJobs(jobs, { feed: store.outboxFeed, clock: root.clock, logger, commits: store.commits, ...observer });
  };
  return {
    config,
    store,
    coreDeps,
    useCases,
    app,
    startJobs,
    close: async () => {
      unfollow();
      await limiters.close();
      await root.close();
    },
  };
};
