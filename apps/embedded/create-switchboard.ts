import type Koa from 'koa';
import type { HttpApp } from '../../adapters/http-koa/app.ts';
import type { HttpUseCases } from '../../adapters/http-koa/http-deps.ts';
import { createLogger } from '../../adapters/http-koa/logger.ts';
import { CreateTenantUseCase } from '../../core/tenancy/create-tenant.use-case.ts';
import { loadConfig } from '../api/config.ts';
import { composeApi } from '../api/system.ts';
import type { RunningJobs } from '../shared/in-process-jobs.ts';
import { optionsAsEnv, type SwitchboardOptions } from './options.ts';

/** Every use case of the HTTP API, plus creating a tenant (which the API leaves to the CLI). */
export interface SwitchboardUseCases extends HttpUseCases {
  readonly createTenant: CreateTenantUseCase;
}

/** The whole system in one object: use cases to call, the HTTP API to serve or mount, jobs to start. */
export interface Switchboard {
  readonly useCases: SwitchboardUseCases;
  readonly http: {
    /** The API as a Koa app; mount it in yours with `mountApi` from `switchboard/http`. */
    readonly koa: Koa;
    /** A Node request listener: `createServer(switchboard.http.callback())`. */
    callback(): ReturnType<Koa['callback']>;
    /** The app with its routes and `beginShutdown`. */
    readonly app: HttpApp;
  };
  /** Starts the background jobs (allocation, SLA sweeps, Qiscus flow, outbox relay); at most once. */
  startJobs(): void;
  /** Stops the jobs, answers `/readyz` with 503, and closes the stores. */
  close(): Promise<void>;
}

/**
 * Opens the store named by `databaseUrl` (migrating it) and builds the API the way `npm start` does,
 * with its configuration checked by the same schema; a bad option throws a `ConfigError` naming the variable.
 */
export const createSwitchboard = async (options: SwitchboardOptions): Promise<Switchboard> => {
  const { dataDir, logger: given, ...settings } = options;
  const config = loadConfig(optionsAsEnv(settings), dataDir);
  const logger = given ?? createLogger({ level: config.logLevel });
  const system = await composeApi(config, logger);
  let jobs: RunningJobs | null = null;
  return {
    useCases: { ...system.useCases, createTenant: new CreateTenantUseCase(system.coreDeps) },
    http: { koa: system.app.koa, callback: () => system.app.callback(), app: system.app },
    startJobs: () => {
      jobs ??= system.startJobs();
    },
    close: async () => {
      system.app.beginShutdown();
      await jobs?.stop();
      await system.close();
    },
  };
};
