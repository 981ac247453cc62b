import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../adapters/http-koa/logger.ts';
import { startIdleMemoryTrim } from '../shared/idle-memory-trim.ts';
import { redactDatabaseUrl } from '../shared/open-store.ts';
import { ensureDemoTenantOn, startBanner } from './bootstrap.ts';
import { ConfigError, loadConfig, type ApiConfig } from './config.ts';
import { ApiStartError, composeApi, startFailures, type ApiSystem } from './system.ts';

const graceMs = 25_000;

const fail = (message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(1);
};

const start = async (): Promise<void> => {
  let config: ApiConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    return fail(error instanceof ConfigError ? error.message : String(error));
  }
  const logger = createLogger({ level: config.logLevel });
  const database = redactDatabaseUrl(config.databaseUrl);
  let system: ApiSystem;
  try {
    system = await composeApi(config, logger);
  } catch (error) {
    const failure = startFailures[error instanceof ApiStartError ? error.step : 'database'];
    const cause = error instanceof ApiStartError ? error.cause : error;
    logger.error({ err: cause, database }, failure.log);
    return fail(`${failure.message} ${database}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  const { store, app } = system;
  if (store.kind === 'memory') logger.warn({ database }, 'in-memory store: nothing is kept after exit (for tests only)');
  logger.info({ database, migrationsApplied: store.migrated }, 'database ready');

  const demo = await ensureDemoTenantOn(store.kind, { ...store, ...system.coreDeps });
  if (demo) logger.info({ tenantId: demo.tenantId }, 'created the demo tenant (credentials printed to the console once)');

  const jobs = system.startJobs();
  const stopTrim = startIdleMemoryTrim(logger);
  if (config.amqpUrl !== null) logger.info({}, 'AMQP_URL set: jobs run in the worker (npm run worker); this process publishes its own events');

  const server = createServer(app.callback());
  server.keepAliveTimeout = 5_000;
  server.listen(config.port, () => {
    const url = `http://localhost:${(server.address() as AddressInfo).port}`;
    logger.info({ url }, 'switchboard api listening');
    process.stderr.write(startBanner(url, demo));
  });

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    app.beginShutdown();
    stopTrim();
    const force = setTimeout(() => {
      logger.error({}, 'grace period over; exiting');
      process.exit(1);
    }, graceMs);
    force.unref();
    const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    void Promise.all([serverClosed, jobs.stop()])
      .then(() => system.close())
      .then(
        () => {
          logger.info({}, 'stopped');
          process.exit(0);
        },
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
};

await start();
