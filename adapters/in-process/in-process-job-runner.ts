import { Effect } from 'effect';
import type { Clock } from '../../core/shared/ports.ts';
import type { DomainEvent } from '../../core/shared/events.ts';
import type { EventHandler, OutboxEntry, OutboxFeed } from '../../core/shared/outbox.port.ts';
import { ignoreJobs, type JobObserver } from '../../core/shared/job-observer.port.ts';
import { silentLogger, type JobLogger } from './job-logger.ts';
import { runEventHandler } from '../../core/shared/run-event-handler.ts';
import { exponentialBackoff } from './backoff.ts';
import { Wakeable } from '../../core/shared/wakeable.ts';

export interface InProcessJobRunnerOptions {
  readonly feed: OutboxFeed;
  readonly handlers: ReadonlyArray<EventHandler>;
  readonly clock: Clock;
  readonly logger?: JobLogger;
  readonly batchSize?: number;
  readonly pollIntervalMs?: number;
  readonly leaseSeconds?: number;
  /** Attempts per handler and event before the runner gives up on it (logged, then marked published); a permanent failure or a defect is given up on at once. */
  readonly maxAttempts?: number;
  readonly backoffMs?: (attempt: number) => number;
  /** Told what became of each job run (metrics). */
  readonly observer?: JobObserver;
}

type EntryResult = 'done' | 'abandoned';

/**
 * Runs the jobs without a broker: polls the outbox feed and hands every event to each handler that
 * handles it, retrying with backoff. The same handlers run behind RabbitMQ when `AMQP_URL` is set.
 */
export class InProcessJobRunner {
  readonly #o: Required<Omit<InProcessJobRunnerOptions, 'logger'>> & { readonly logger: JobLogger };
  readonly #idle = new Wakeable();
  #running = false;
  #stopping = false;
  #loop: Promise<void> | null = null;

  constructor(options: InProcessJobRunnerOptions) {
    this.#o = {
      feed: options.feed,
      handlers: options.handlers,
      clock: options.clock,
      logger: options.logger ?? silentLogger,
      batchSize: options.batchSize ?? 50,
      pollIntervalMs: options.pollIntervalMs ?? 500,
      leaseSeconds: options.leaseSeconds ?? 60,
      maxAttempts: options.maxAttempts ?? 5,
      backoffMs: options.backoffMs ?? exponentialBackoff(200, 10_000),
      observer: options.observer ?? ignoreJobs,
    };
  }

  start(): void {
    if (this.#loop) return;
    this.#running = true;
    this.#stopping = false;
    this.#loop = this.#run();
  }

  /** Runs the outbox at once instead of at the next poll (call it when a unit of work appended to the outbox). */
  wake(): void {
    this.#idle.wake();
  }

  /** Stops polling; the current batch ends (a failing job is not retried further and stays unpublished). */
  async stop(): Promise<void> {
    this.#running = false;
    this.#stopping = true;
    this.#idle.wake();
    await this.#loop;
    this.#loop = null;
  }

  /** Claims and processes one batch; returns how many entries it claimed. */
  async runOnce(): Promise<number> {
    const { feed, clock, batchSize, leaseSeconds, logger } = this.#o;
    const entries = await Effect.runPromise(feed.claim(batchSize, clock.now(), leaseSeconds));
    const done: number[] = [];
    // Handlers that batch their own jobs (`concurrent`) get the whole batch at once; the others run one event after the other.
    const batched = entries.map((entry) =>
      Promise.all(this.#o.handlers.filter((h) => h.concurrent === true && h.handles(entry.event)).map((h) => this.#runWithRetries(h, entry.event))),
    );
    const inOrder: Array<EntryResult> = [];
    for (const entry of entries) inOrder.push(await this.#process(entry));
    for (const [i, entry] of entries.entries()) {
      const results = [inOrder[i], ...(await batched[i]!)];
      if (results.every((r) => r === 'done')) done.push(entry.sequence);
    }
    if (done.length > 0) await Effect.runPromise(feed.markPublished(done, clock.now()));
    if (entries.length > 0) logger.info({ claimed: entries.length, published: done.length }, 'outbox batch processed');
    return entries.length;
  }

  async #run(): Promise<void> {
    while (this.#running) {
      let claimed = 0;
      try {
        claimed = await this.runOnce();
      } catch (error) {
        this.#o.logger.error({ err: error }, 'outbox batch failed; retrying after the poll interval');
      }
      if (claimed === 0 && this.#running) await this.#idle.sleep(this.#o.pollIntervalMs);
    }
  }

  async #process(entry: OutboxEntry): Promise<EntryResult> {
    let result: EntryResult = 'done';
    for (const handler of this.#o.handlers) {
      if (handler.concurrent === true || !handler.handles(entry.event)) continue;
      if ((await this.#runWithRetries(handler, entry.event)) === 'abandoned') result = 'abandoned';
    }
    return result;
  }

  async #runWithRetries(handler: EventHandler, event: DomainEvent): Promise<EntryResult> {
    const { maxAttempts, backoffMs, logger, observer } = this.#o;
    const fields = { handler: handler.name, eventId: event.id, eventType: event.type, tenantId: event.tenantId };
    for (let attempt = 1; ; attempt++) {
      const outcome = await runEventHandler(handler, event);
      if (outcome.ok) return (observer.jobSettled(handler.name, 'processed'), 'done');
      const failed = { ...fields, attempt, reason: outcome.reason };
      if (!outcome.retry || attempt >= maxAttempts) {
        logger.error(failed, 'job failed for good; giving up');
        observer.jobSettled(handler.name, 'dead_lettered');
        return 'done';
      }
      observer.jobSettled(handler.name, 'retried');
      if (!this.#stopping) {
        logger.warn(failed, 'job failed; retrying');
        await this.#idle.sleep(backoffMs(attempt));
      }
      if (this.#stopping) {
        logger.warn(failed, 'job failed while stopping; left for the next run');
        return 'abandoned';
      }
    }
  }
}
