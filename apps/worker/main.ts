import { createLogger } from '../../adapters/http-koa/logger.ts';
import { startIdleMemoryTrim } from '../shared/idle-memory-trim.ts';
import { loadWorkerConfig, WorkerConfigError } from './config.ts';
import { composeWorker } from './composition.ts';
import { startWorker } from './worker.ts';

const config = (() => {
  try {
    return loadWorkerConfig(process.env);
  } catch (error) {
    if (!(error instanceof WorkerConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
})();

const logger = createLogger({ level: config.logLevel });
const worker = await startWorker(config, await composeWorker(config), logger);
const stopTrim = startIdleMemoryTrim(logger);

let stopping = false;
const shutdown = async (signal: string): Promise<void> => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping worker');
  stopTrim();
  // Past the grace period (plus a margin for closing) exit anyway, so an orchestrator never has to SIGKILL us.
  setTimeout(() => {
    logger.error({}, 'worker did not stop within the grace period; exiting');
    process.exit(1);
  }, config.shutdownGraceSeconds * 1000 + 5000).unref();
  try {
    await worker.stop();
    logger.info({}, 'worker stopped');
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, 'worker stop failed');
    process.exit(1);
  }
};
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
