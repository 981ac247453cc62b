import { Effect } from 'effect';
import type { ChannelModel, ConfirmChannel, Message } from 'amqplib';
import type { Clock } from '../../core/shared/ports.ts';
import type { OutboxEntry, OutboxFeed } from '../../core/shared/outbox.port.ts';
import type { AmqpParticipant } from './amqp-connection.ts';
import { encodeEvent } from './amqp-event-codec.ts';
import { declareEventLog, declareExchange, defaultEventLog, exchangeName, type EventLogPolicy } from './amqp-topology.ts';
import { Wakeable } from '../../core/shared/wakeable.ts';
import { errorText, silentAmqpLogger, withTimeout, type AmqpLogger } from './amqp-support.ts';

/** What the relay publishes from, where to, and how fast. */
export interface AmqpOutboxRelayOptions {
  readonly feed: OutboxFeed;
  readonly clock: Clock;
  readonly prefix: string;
  readonly logger?: AmqpLogger;
  readonly batchSize?: number;
  readonly pollIntervalMs?: number;
  /** How long a claimed row stays with this relay; rows it could not publish are claimed again after it. */
  readonly leaseSeconds?: number;
  readonly timeoutMs?: number;
  /** The bounded queue every event is copied to; null leaves events nobody subscribes to unsent. */
  readonly eventLog?: EventLogPolicy | null;
}

type Sent = 'confirmed' | 'returned' | 'failed';

/**
 * Publishes outbox rows to the events exchange with publisher confirms, `persistent` and `mandatory`;
 * only rows the broker confirmed and did not return are marked published.
 */
export class AmqpOutboxRelay implements AmqpParticipant {
  readonly name = 'outbox-relay';
  readonly #feed: OutboxFeed;
  readonly #clock: Clock;
  readonly #prefix: string;
  readonly #logger: AmqpLogger;
  readonly #batchSize: number;
  readonly #pollIntervalMs: number;
  readonly #leaseSeconds: number;
  readonly #timeoutMs: number;
  readonly #eventLog: EventLogPolicy | null;
  readonly #idle = new Wakeable();
  readonly #returned = new Set<string>();
  #channel: ConfirmChannel | null = null;
  #running = false;
  #loop: Promise<void> | null = null;

  constructor(options: AmqpOutboxRelayOptions) {
    this.#feed = options.feed;
    this.#clock = options.clock;
    this.#prefix = options.prefix;
    this.#logger = options.logger ?? silentAmqpLogger;
    this.#batchSize = options.batchSize ?? 100;
    this.#pollIntervalMs = options.pollIntervalMs ?? 100;
    this.#leaseSeconds = options.leaseSeconds ?? 10;
    this.#timeoutMs = options.timeoutMs ?? 5000;
    this.#eventLog = options.eventLog === undefined ? defaultEventLog : options.eventLog;
  }

  /** Opens the confirm channel and declares the exchange and the event log (after every reconnect). */
  async attach(model: ChannelModel): Promise<void> {
    const channel = await withTimeout(model.createConfirmChannel(), this.#timeoutMs, 'create relay channel');
    channel.on('error', (error: Error) => this.#logger.warn({ err: errorText(error) }, 'relay channel error'));
    channel.on('close', () => {
      if (this.#channel === channel) this.#channel = null;
    });
    channel.on('return', (message: Message) => {
      if (typeof message.properties.messageId === 'string') this.#returned.add(message.properties.messageId);
    });
    await withTimeout(declareExchange(channel, this.#prefix), this.#timeoutMs, 'declare events exchange');
    if (this.#eventLog) await withTimeout(declareEventLog(channel, this.#prefix, this.#eventLog), this.#timeoutMs, 'declare event log');
    this.#channel = channel;
    this.#idle.wake();
  }

  detach(): void {
    this.#channel = null;
  }

  /** Starts publishing: now, at every `wake`, and at each poll. */
  start(): void {
    if (this.#loop) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** Publishes at once instead of at the next poll (call it when a unit of work appended to the outbox). */
  wake(): void {
    this.#idle.wake();
  }

  /** Stops after the batch in flight (bounded by the broker timeout). */
  async stop(): Promise<void> {
    this.#running = false;
    this.#idle.wake();
    await this.#loop;
    this.#loop = null;
  }

  /** Claims and publishes one batch when connected; returns how many rows were marked published. */
  async runOnce(): Promise<number> {
    const channel = this.#channel;
    if (!channel) return 0;
    const entries = await Effect.runPromise(this.#feed.claim(this.#batchSize, this.#clock.now(), this.#leaseSeconds));
    if (entries.length === 0) return 0;
    const results = await Promise.all(entries.map((entry) => this.#publish(channel, entry)));
    const published = entries.filter((_, i) => results[i] === 'confirmed').map((entry) => entry.sequence);
    if (published.length > 0) await Effect.runPromise(this.#feed.markPublished(published, this.#clock.now()));
    const returned = entries.filter((_, i) => results[i] === 'returned');
    for (const entry of returned) {
      this.#logger.warn({ eventId: entry.event.id, eventType: entry.event.type }, 'event unroutable (no queue bound); left unsent');
    }
    const failed = results.filter((r) => r === 'failed').length;
    if (failed > 0) this.#logger.warn({ failed }, 'publishes not confirmed; rows are retried after their lease');
    return published.length;
  }

  async #run(): Promise<void> {
    while (this.#running) {
      let published = 0;
      try {
        published = await this.runOnce();
      } catch (error) {
        this.#logger.error({ err: errorText(error) }, 'outbox relay batch failed');
      }
      if (published === 0 && this.#running) await this.#idle.sleep(this.#pollIntervalMs);
    }
  }

  async #publish(channel: ConfirmChannel, entry: OutboxEntry): Promise<Sent> {
    const { event } = entry;
    this.#returned.delete(event.id);
    const confirmed = new Promise<void>((resolve, reject) => {
      channel.publish(
        exchangeName(this.#prefix),
        event.type,
        encodeEvent(event),
        { persistent: true, mandatory: true, messageId: event.id, type: event.type, contentType: 'application/json', timestamp: event.occurredAt.getTime() },
        (error: unknown) => (error ? reject(error) : resolve()),
      );
    });
    try {
      await withTimeout(confirmed, this.#timeoutMs, 'publish confirm');
    } catch (error) {
      this.#logger.warn({ eventId: event.id, err: errorText(error) }, 'publish not confirmed');
      return 'failed';
    }
    // The broker sends basic.return before the confirm of the same message, so it has been seen by now.
    if (this.#returned.delete(event.id)) return 'returned';
    return 'confirmed';
  }
}
