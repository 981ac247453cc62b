import { connect, type ChannelModel, type RecoveringChannelModel, type RecoveryOptions } from 'amqplib';
import { errorText, silentAmqpLogger, withTimeout, type AmqpLogger } from './amqp-support.ts';

/** Something that owns channels on the connection: `attach` (re)creates them after every (re)connect. */
export interface AmqpParticipant {
  readonly name: string;
  /** Opens this participant's channels, topology and consumers on a fresh connection. */
  attach(model: ChannelModel): Promise<void>;
  /** The connection is gone; drop channel references (they are dead). */
  detach(): void;
}

export interface AmqpConnectionOptions {
  readonly logger?: AmqpLogger;
  /** Shown in the broker's connection list. */
  readonly connectionName?: string;
  readonly recovery?: Omit<RecoveryOptions, 'setup' | 'waitForConnect'>;
  readonly connectTimeoutMs?: number;
}

/**
 * One AMQP connection using amqplib's own recovery: after every reconnect, `setup` runs each
 * participant's `attach`, which recreates its channels, topology and consumers.
 */
export class AmqpConnection {
  readonly #model: RecoveringChannelModel;
  readonly #participants: ReadonlyArray<AmqpParticipant>;
  readonly #logger: AmqpLogger;
  #connected = false;
  #connects = 0;

  private constructor(model: RecoveringChannelModel, participants: ReadonlyArray<AmqpParticipant>, logger: AmqpLogger) {
    this.#model = model;
    this.#participants = participants;
    this.#logger = logger;
  }

  /** Connects and attaches every participant; rejects when the first connection cannot be made in time. */
  static async open(url: string, participants: ReadonlyArray<AmqpParticipant>, options: AmqpConnectionOptions = {}): Promise<AmqpConnection> {
    const logger = options.logger ?? silentAmqpLogger;
    const setup = async (model: ChannelModel): Promise<void> => {
      // The recovering wrapper listens on `model` only after setup: an error before that must not crash us.
      model.on('error', (error: Error) => logger.warn({ err: errorText(error) }, 'amqp connection error'));
      for (const participant of participants) await participant.attach(model);
    };
    const model = await connect(url, {
      clientProperties: { connection_name: options.connectionName ?? 'switchboard' },
      recovery: { initialDelay: 200, maxDelay: 10_000, initialMaxRetries: 3, ...options.recovery, setup, waitForConnect: false },
    });
    const self = new AmqpConnection(model, participants, logger);
    self.#listen();
    try {
      await withTimeout(model.waitForConnect(), options.connectTimeoutMs ?? 15_000, 'amqp connect');
    } catch (error) {
      await model.close().catch(() => {});
      throw error;
    }
    return self;
  }

  get connected(): boolean {
    return this.#connected;
  }

  /** Successful connections so far, the first included (recoveries are the rest). */
  get connects(): number {
    return this.#connects;
  }

  /** Closes the connection (and stops recovering); bounded even when the broker is unreachable. */
  async close(timeoutMs = 5000): Promise<void> {
    try {
      await withTimeout(this.#model.close(), timeoutMs, 'amqp close');
    } catch (error) {
      this.#logger.warn({ err: errorText(error) }, 'amqp close did not finish cleanly');
    }
    this.#connected = false;
    for (const participant of this.#participants) participant.detach();
  }

  #listen(): void {
    const model = this.#model;
    model.on('connect', () => {
      this.#connected = true;
      this.#connects += 1;
      this.#logger.info({}, 'amqp connected');
    });
    model.on('disconnect', (error: Error) => {
      this.#connected = false;
      for (const participant of this.#participants) participant.detach();
      this.#logger.warn({ err: errorText(error) }, 'amqp disconnected; recovering');
    });
    model.on('connect-failed', (error: Error) => this.#logger.warn({ err: errorText(error) }, 'amqp connect attempt failed'));
    model.on('reconnect-failed', (error: Error) => this.#logger.error({ err: errorText(error) }, 'amqp recovery gave up'));
    model.on('error', (error: Error) => this.#logger.warn({ err: errorText(error) }, 'amqp connection error'));
    model.on('blocked', (reason: string) => this.#logger.warn({ reason }, 'amqp connection blocked by the broker'));
    model.on('unblocked', () => this.#logger.info({}, 'amqp connection unblocked'));
  }
}
