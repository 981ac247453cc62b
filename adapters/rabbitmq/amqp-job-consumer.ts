import type { ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { AmqpParticipant } from './amqp-connection.ts';
import { handleDelivery, type DeliveryContext } from './amqp-delivery.ts';
import { RecentIds } from './recent-ids.ts';
import type { JobObserver } from '../../core/shared/job-observer.port.ts';
import { declareTopology, defaultRetryPolicy, workQueueName, type AmqpHandler, type AmqpRetryPolicy } from './amqp-topology.ts';
import { errorText, quietly, silentAmqpLogger, withTimeout, type AmqpLogger } from './amqp-support.ts';

/** The handlers to run and how deliveries are retried. */
export interface AmqpJobConsumerOptions {
  readonly prefix: string;
  readonly handlers: ReadonlyArray<AmqpHandler>;
  readonly logger?: AmqpLogger;
  readonly retry?: AmqpRetryPolicy;
  /** Unacked deliveries per handler at once. */
  readonly prefetch?: number;
  readonly timeoutMs?: number;
  /** Re-establishing a consumer whose channel closed or that the broker cancelled, connection still up. */
  readonly laneRecovery?: LaneRecoveryPolicy;
  /** Told what became of each job run (metrics). */
  readonly observer?: JobObserver;
}

/** How a consumer whose channel closed is re-established: backoff bounds and attempts. */
export interface LaneRecoveryPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxAttempts: number;
}

const defaultLaneRecovery: LaneRecoveryPolicy = { initialDelayMs: 200, maxDelayMs: 5000, maxAttempts: 10 };

interface Lane {
  readonly handler: AmqpHandler;
  channel: ConfirmChannel;
  consumerTag: string;
  channelOpen: boolean;
  recovering: boolean;
}

interface InFlight {
  readonly channel: ConfirmChannel;
  readonly message: ConsumeMessage;
  readonly done: Promise<unknown>;
  abandoned: boolean;
}

/** Consumes each handler's work queue (manual ack, bounded prefetch) on its own confirm channel. */
export class AmqpJobConsumer implements AmqpParticipant {
  readonly name = 'job-consumer';
  readonly #prefix: string;
  readonly #handlers: ReadonlyArray<AmqpHandler>;
  readonly #logger: AmqpLogger;
  readonly #retry: AmqpRetryPolicy;
  readonly #prefetch: number;
  readonly #timeoutMs: number;
  readonly #processed = new Map<string, RecentIds>();
  readonly #inFlight = new Set<InFlight>();
  readonly #laneRecovery: LaneRecoveryPolicy;
  readonly #observer: JobObserver | undefined;
  readonly #wakers = new Set<() => void>();
  #lanes: Lane[] = [];
  #model: ChannelModel | null = null;
  #stopping = false;

  constructor(options: AmqpJobConsumerOptions) {
    this.#prefix = options.prefix;
    this.#handlers = options.handlers;
    this.#logger = options.logger ?? silentAmqpLogger;
    this.#retry = options.retry ?? defaultRetryPolicy;
    this.#prefetch = options.prefetch ?? 10;
    this.#timeoutMs = options.timeoutMs ?? 5000;
    this.#laneRecovery = options.laneRecovery ?? defaultLaneRecovery;
    this.#observer = options.observer;
    for (const handler of this.#handlers) this.#processed.set(handler.name, new RecentIds(10_000));
  }

  get inFlight(): number {
    return this.#inFlight.size;
  }

  /** Declares the handlers' queues and starts consuming them (after every reconnect). */
  async attach(model: ChannelModel): Promise<void> {
    if (this.#stopping) return;
    this.#model = model;
    const setup = await withTimeout(model.createChannel(), this.#timeoutMs, 'create topology channel');
    setup.on('error', (error: Error) => this.#logger.error({ err: errorText(error) }, 'topology channel error'));
    await withTimeout(declareTopology(setup, this.#prefix, this.#handlers, this.#retry), this.#timeoutMs, 'declare topology');
    await withTimeout(setup.close(), this.#timeoutMs, 'close topology channel');
    const lanes: Lane[] = [];
    for (const handler of this.#handlers) lanes.push(await this.#openLane(model, handler));
    this.#lanes = lanes;
  }

  detach(): void {
    this.#model = null;
    this.#lanes = [];
    this.#wakeAll();
  }

  /**
   * Cancels the consumers, lets running jobs finish for up to `graceMs`, requeues the ones still running,
   * and closes the channels. Bounded in time even when the broker is gone.
   */
  async stop(graceMs = 10_000): Promise<void> {
    this.#stopping = true;
    this.#wakeAll();
    const lanes = this.#lanes;
    this.#lanes = [];
    await Promise.all(lanes.map((lane) => quietly(() => lane.channel.cancel(lane.consumerTag), this.#timeoutMs, 'cancel consumer', this.#logger)));
    const running = [...this.#inFlight].map((job) => job.done);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled(running), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
    for (const job of this.#inFlight) {
      job.abandoned = true;
      try {
        job.channel.nack(job.message, false, true);
      } catch (error) {
        this.#logger.warn({ err: errorText(error) }, 'could not requeue a running job; the broker redelivers it');
      }
    }
    if (this.#inFlight.size > 0) this.#logger.warn({ requeued: this.#inFlight.size }, 'grace period over; running jobs requeued');
    await Promise.all(lanes.map((lane) => quietly(() => lane.channel.close(), this.#timeoutMs, 'close consumer channel', this.#logger)));
  }

  async #openLane(model: ChannelModel, handler: AmqpHandler): Promise<Lane> {
    const lane = { handler, consumerTag: '', channelOpen: false, recovering: false } as unknown as Lane;
    await this.#openChannel(model, lane);
    await this.#consume(model, lane);
    return lane;
  }

  async #openChannel(model: ChannelModel, lane: Lane): Promise<void> {
    const handler = lane.handler;
    const channel = await withTimeout(model.createConfirmChannel(), this.#timeoutMs, 'create consumer channel');
    lane.channel = channel;
    lane.channelOpen = true;
    channel.on('error', (error: Error) => this.#logger.error({ handler: handler.name, err: errorText(error) }, 'consumer channel error'));
    channel.on('close', () => {
      if (lane.channel !== channel) return;
      lane.channelOpen = false;
      void this.#recover(model, lane, 'consumer channel closed');
    });
    await withTimeout(channel.prefetch(this.#prefetch), this.#timeoutMs, 'set prefetch');
  }

  async #consume(model: ChannelModel, lane: Lane): Promise<void> {
    const { handler, channel } = lane;
    const ctx: DeliveryContext = {
      prefix: this.#prefix,
      retry: this.#retry,
      logger: this.#logger,
      timeoutMs: this.#timeoutMs,
      processed: this.#processed.get(handler.name) as RecentIds,
      ...(this.#observer === undefined ? {} : { observer: this.#observer }),
    };
    const onMessage = (message: ConsumeMessage | null): void => {
      if (message === null) {
        if (lane.channel === channel) void this.#recover(model, lane, 'consumer cancelled by the broker');
        return;
      }
      this.#track(channel, message, (isAbandoned) => handleDelivery(ctx, channel, handler, message, isAbandoned));
    };
    const { consumerTag } = await withTimeout(
      channel.consume(workQueueName(this.#prefix, handler.name), onMessage, { noAck: false }),
      this.#timeoutMs,
      'start consumer',
    );
    lane.consumerTag = consumerTag;
  }

  #current(model: ChannelModel, lane: Lane): boolean {
    return !this.#stopping && this.#model === model && this.#lanes.includes(lane);
  }

  /** Redeclares the handler's queues and consumes again (on a new channel when its own closed), with backoff. */
  async #recover(model: ChannelModel, lane: Lane, reason: string): Promise<void> {
    if (lane.recovering || !this.#current(model, lane)) return;
    lane.recovering = true;
    const handler = lane.handler.name;
    this.#logger.warn({ handler }, `${reason}; re-establishing the consumer`);
    const { initialDelayMs, maxDelayMs, maxAttempts } = this.#laneRecovery;
    try {
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        // The first wait also lets a lost connection surface as `detach`, so we leave it to the reconnect.
        await this.#sleep(Math.min(maxDelayMs, initialDelayMs * 2 ** (attempt - 1)));
        if (!this.#current(model, lane)) return;
        try {
          if (!lane.channelOpen) await this.#openChannel(model, lane);
          await withTimeout(declareTopology(lane.channel, this.#prefix, [lane.handler], this.#retry), this.#timeoutMs, 'declare topology');
          await this.#consume(model, lane);
          if (!this.#current(model, lane)) {
            await quietly(() => lane.channel.close(), this.#timeoutMs, 'close consumer channel', this.#logger);
            return;
          }
          this.#logger.info({ handler, attempt }, 'consumer re-established');
          return;
        } catch (error) {
          this.#logger.warn({ handler, attempt, err: errorText(error) }, 're-establishing the consumer failed');
        }
      }
      this.#logger.error({ handler }, 'gave up re-establishing the consumer; it returns on the next reconnect');
    } finally {
      lane.recovering = false;
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#wakers.add(done);
    });
  }

  #wakeAll(): void {
    for (const wake of [...this.#wakers]) wake();
  }

  #track(channel: ConfirmChannel, message: ConsumeMessage, work: (isAbandoned: () => boolean) => Promise<unknown>): void {
    if (this.#stopping) {
      try {
        channel.nack(message, false, true);
      } catch {
        // the channel is gone: the broker requeues the message itself
      }
      return;
    }
    let job: InFlight | null = null;
    const done = work(() => job?.abandoned ?? false)
      .catch((error: unknown) => this.#logger.error({ err: errorText(error) }, 'delivery handling failed'))
      .finally(() => job && this.#inFlight.delete(job));
    job = { channel, message, done, abandoned: false };
    this.#inFlight.add(job);
  }
}
