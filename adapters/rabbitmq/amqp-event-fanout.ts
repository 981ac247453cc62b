import type { Channel, ChannelModel } from 'amqplib';
import type { DomainEvent } from '../../core/shared/events.ts';
import type { AmqpParticipant } from './amqp-connection.ts';
import { decodeEvent } from './amqp-event-codec.ts';
import { declareExchange, exchangeName } from './amqp-topology.ts';
import { errorText, silentAmqpLogger, withTimeout, type AmqpLogger } from './amqp-support.ts';

/**
 * Every event any relay publishes, as it is published, for this process: its own exclusive, auto-delete
 * queue bound to everything on the events exchange (a fanout), consumed without acks — the events are only
 * notices, the stored event log is what streams read. After a reconnect `onReconnect` runs: notices may
 * have been lost while the queue was gone.
 */
export class AmqpEventFanout implements AmqpParticipant {
  readonly name = 'event-fanout';
  readonly #prefix: string;
  readonly #onEvent: (event: DomainEvent) => void;
  readonly #onReconnect: () => void;
  readonly #logger: AmqpLogger;
  #channel: Channel | null = null;

  constructor(options: { readonly prefix: string; readonly onEvent: (event: DomainEvent) => void; readonly onReconnect: () => void; readonly logger?: AmqpLogger }) {
    this.#prefix = options.prefix;
    this.#onEvent = options.onEvent;
    this.#onReconnect = options.onReconnect;
    this.#logger = options.logger ?? silentAmqpLogger;
  }

  async attach(model: ChannelModel): Promise<void> {
    const channel = await withTimeout(model.createChannel(), 5000, 'create fanout channel');
    channel.on('error', (error: Error) => this.#logger.warn({ err: errorText(error) }, 'fanout channel error'));
    await declareExchange(channel, this.#prefix);
    const name = `${this.#prefix}.live.${process.pid}.${Math.random().toString(36).slice(2, 10)}`;
    const { queue } = await channel.assertQueue(name, { exclusive: true, autoDelete: true, durable: false });
    await channel.bindQueue(queue, exchangeName(this.#prefix), '#');
    await channel.consume(
      queue,
      (message) => {
        const event = message === null ? null : decodeEvent(message.content);
        if (event !== null) this.#onEvent(event);
      },
      { noAck: true },
    );
    this.#channel = channel;
    this.#onReconnect();
  }

  detach(): void {
    this.#channel = null;
  }

  get attached(): boolean {
    return this.#channel !== null;
  }
}
