import { AmqpConnection } from '../../adapters/rabbitmq/amqp-connection.ts';
import { AmqpOutboxRelay } from '../../adapters/rabbitmq/amqp-outbox-relay.ts';
import { AmqpJobConsumer } from '../../adapters/rabbitmq/amqp-job-consumer.ts';
import { InProcessJobRunner } from '../../adapters/in-process/in-process-job-runner.ts';
import { PeriodicSweeper } from '../../adapters/in-process/periodic-sweeper.ts';
import type { JobLogger } from '../../adapters/in-process/job-logger.ts';
import { startMetricsServer } from '../../adapters/prometheus/metrics-scrape.ts';
import type { WorkerConfig } from './config.ts';
import { wakeSweepers } from '../shared/in-process-jobs.ts';
import type { WorkerComposition } from './composition.ts';

export interface RunningWorker {
  /** Consumers cancel and finish or requeue their jobs, the relay and sweeps stop, connections close. */
  stop(): Promise<void>;
  /** Where the worker's `/metrics` listens (`METRICS_PORT`, or the port picked for 0); null: no metrics. */
  readonly metricsPort: number | null;
}

/** Starts the relay and consumers on RabbitMQ when `AMQP_URL` is set, the in-process runner otherwise, and the sweeps. */
export const startWorker = async (config: WorkerConfig, jobs: WorkerComposition, logger: JobLogger): Promise<RunningWorker> => {
  const graceMs = config.shutdownGraceSeconds * 1000;
  const observer = jobs.metrics === undefined ? {} : { observer: jobs.metrics.prometheus };
  const metricsServer = jobs.metrics === undefined || config.metricsPort === null ? null : await startMetricsServer(jobs.metrics.scrape, config.metricsPort);
  if (metricsServer !== null) logger.info({ port: metricsServer.port }, 'worker metrics on /metrics');
  const sweepers = jobs.sweeps.map((sweep) => new PeriodicSweeper({ ...sweep, logger }));
  const unwake = wakeSweepers(jobs.sweeps, sweepers);
  const stopSweepers = () => (unwake(), Promise.all(sweepers.map((s) => s.stop())));
  let stopJobs: () => Promise<void>;

  if (config.amqpUrl) {
    const prefix = config.amqpPrefix;
    const relay = new AmqpOutboxRelay({ feed: jobs.feed, clock: jobs.clock, prefix, logger });
    const consumer = new AmqpJobConsumer({ prefix, handlers: jobs.handlers, logger, ...observer });
    const connection = await AmqpConnection.open(config.amqpUrl, [consumer, relay], {
      logger,
      connectionName: `${prefix}-worker-${process.pid}`,
      recovery: { initialMaxRetries: 10, maxRetries: Infinity },
    });
    const unsubscribe = jobs.commits?.subscribe(() => relay.wake()) ?? (() => {});
    relay.start();
    logger.info({ prefix, handlers: jobs.handlers.map((h) => h.name) }, 'worker consuming from RabbitMQ');
    stopJobs = async () => {
      await consumer.stop(graceMs / 2);
      unsubscribe();
      await relay.stop();
      await connection.close(5000);
    };
  } else {
    const runner = new InProcessJobRunner({ feed: jobs.feed, clock: jobs.clock, handlers: jobs.handlers, logger, ...observer });
    const unsubscribe = jobs.commits?.subscribe(() => runner.wake()) ?? (() => {});
    runner.start();
    logger.info({ handlers: jobs.handlers.map((h) => h.name) }, 'no AMQP_URL: worker running jobs in-process');
    stopJobs = () => (unsubscribe(), runner.stop());
  }
  for (const sweeper of sweepers) sweeper.start();

  return {
    metricsPort: metricsServer?.port ?? null,
    stop: async () => {
      await Promise.all([stopSweepers(), stopJobs(), metricsServer?.close()]);
      await jobs.close();
    },
  };
};
