import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Argon2PasswordHasher } from '../../adapters/crypto/argon2-password-hasher.ts';
import { createLogger } from '../../adapters/http-koa/logger.ts';
import { systemClock, uuidV7Ids } from '../../adapters/memory/memory-ids.ts';
import { startApiRelay } from './api-relay.ts';
import { startInProcessJobs, type RunningJobs } from '../shared/in-process-jobs.ts';
import { buildJobs } from '../shared/jobs.ts';
import { openLimiterStore, type LimiterStore } from '../shared/limiters.ts';
import { redactDatabaseUrl } from '../shared/open-store.ts';
import { buildOutbound } from '../shared/outbound.ts';
import { ensureDemoTenant, startBanner } from './bootstrap.ts';
import { ConfigError, loadConfig, type ApiConfig } from './config.ts';
import { buildContainer, tokens } from './container.ts';
import { apiReadiness } from './readiness.ts';
import { openStore, type OpenStore } from './store.ts';

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
  let store: OpenStore;
  try {
    store = await openStore(config);
  } catch (error) {
    logger.error({ err: error, database }, 'cannot open the database');
    return fail(`Cannot open the database ${database}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (store.kind === 'memory') logger.warn({ database }, 'in-memory store: nothing is kept after exit (for tests only)');
  logger.info({ database, migrationsApplied: store.migrated }, 'database ready');
  let limiters: LimiterStore;
  try {
    limiters = await openLimiterStore(config.databaseUrl);
  } catch (error) {
    logger.error({ err: error, database }, 'cannot open the rate-limit counters');
    await store.close();
    return fail(`Cannot open the rate-limit counters in ${database}: ${error instanceof Error ? error.message : String(error)}`);
  }

  const demo = await ensureDemoTenant({ ...store, hasher: new Argon2PasswordHasher(), clock: systemClock, ids: uuidV7Ids });
  if (demo) logger.info({ tenantId: demo.tenantId }, 'created the demo tenant (credentials printed to the console once)');

  const container = buildContainer(config, logger, store.uow, apiReadiness(store, config.amqpUrl), limiters);
  const app = container.get(tokens.httpApp);
  const metrics = container.get(tokens.metrics);
  metrics?.watchStore(store, systemClock);
  let jobs: RunningJobs = { stop: async () => {} };
  if (config.amqpUrl === null) {
    const built = buildJobs({
      ...store,
      clock: systemClock,
      ids: uuidV7Ids,
      platform: buildOutbound(config.outboundAllowPrivateNetworks, metrics?.prometheus).platform,
      allocationSweepSeconds: config.allocationSweepSeconds,
      logger,
    });
    jobs = startInProcessJobs(built, {
      feed: store.outboxFeed,
      clock: systemClock,
      logger,
      commits: store.commits,
      ...(metrics === null ? {} : { observer: metrics.prometheus }),
    });
    logger.info({ handlers: built.handlers.map((h) => h.name), sweepSeconds: config.allocationSweepSeconds }, 'no AMQP_URL: jobs run in-process');
  } else {
    jobs = startApiRelay(store, { url: config.amqpUrl, prefix: config.amqpPrefix }, logger);
    logger.info({}, 'AMQP_URL set: jobs run in the worker (npm run worker); this process publishes its own events');
  }

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
    const force = setTimeout(() => {
      logger.error({}, 'grace period over; exiting');
      process.exit(1);
    }, graceMs);
    force.unref();
    const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    void Promise.all([serverClosed, jobs.stop()])
      .then(() => limiters.close())
      .then(() => store.close())
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
