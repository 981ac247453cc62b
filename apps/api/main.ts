import { createServer } from 'node:http';
import { createLogger } from '../../adapters/http-koa/logger.ts';
import { ConfigError, loadConfig, type ApiConfig } from './config.ts';
import { buildContainer, tokens } from './container.ts';
import { openStore } from './store.ts';

const graceMs = 25_000;

const start = async (): Promise<void> => {
  let config: ApiConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const logger = createLogger({ level: config.logLevel });
  const store = await openStore(config);
  const app = buildContainer(config, logger, store.uow).get(tokens.httpApp);
  const server = createServer(app.callback());
  server.keepAliveTimeout = 5_000;
  server.listen(config.port, () => logger.info({ port: config.port }, 'switchboard api listening'));

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    app.beginShutdown();
    const force = setTimeout(() => {
      logger.error('grace period over; exiting');
      process.exit(1);
    }, graceMs);
    force.unref();
    server.close(async () => {
      await store.close();
      logger.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
};

await start();
