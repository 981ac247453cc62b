import type { ConfirmChannel, ConsumeMessage, Options } from 'amqplib';
import { decodeEvent } from './amqp-event-codec.ts';
import { runEventHandler } from '../../core/shared/run-event-handler.ts';
import type { RecentIds } from './recent-ids.ts';
import type { JobObserver } from '../../core/shared/job-observer.port.ts';
import { ATTEMPT_HEADER, deadQueueName, retryDelayQueue, type AmqpHandler, type AmqpRetryPolicy } from './amqp-topology.ts';
import { errorText, withTimeout, type AmqpLogger } from './amqp-support.ts';

export interface DeliveryContext {
  readonly prefix: string;
  readonly retry: AmqpRetryPolicy;
  readonly logger: AmqpLogger;
  readonly timeoutMs: number;
  readonly processed: RecentIds;
  /** Told what became of each job run (metrics). */
  readonly observer?: JobObserver;
}

/** What happened to a delivery; `left` means it was neither acked nor nacked (its channel died or it was given up on). */
export type Settled = 'acked' | 'requeued' | 'left';

const attemptOf = (message: ConsumeMessage): number => {
  const value = Number(message.properties.headers?.[ATTEMPT_HEADER] ?? 1);
  return Number.isInteger(value) && value >= 1 ? value : 1;
};

const republish = (channel: ConfirmChannel, queue: string, message: ConsumeMessage, headers: Record<string, unknown>, timeoutMs: number): Promise<void> => {
  const { ['x-death']: _death, ...kept } = (message.properties.headers ?? {}) as Record<string, unknown>;
  const options: Options.Publish = {
    persistent: true,
    messageId: message.properties.messageId as string | undefined,
    type: message.properties.type as string | undefined,
    contentType: message.properties.contentType as string | undefined,
    timestamp: message.properties.timestamp as number | undefined,
    headers: { ...kept, ...headers },
  };
  const confirmed = new Promise<void>((resolve, reject) => {
    channel.sendToQueue(queue, message.content, options, (error: unknown) => (error ? reject(error) : resolve()));
  });
  return withTimeout(confirmed, timeoutMs, `republish to ${queue}`);
};

/**
 * Runs the handler on one delivery and settles it: ack on success; on failure ack and republish to the
 * delay queue for this attempt, or park it in the dead-letter queue with the reason after the last attempt
 * (at once for an undecodable body, a permanent failure or a defect).
 */
export const handleDelivery = async (
  ctx: DeliveryContext,
  channel: ConfirmChannel,
  handler: AmqpHandler,
  message: ConsumeMessage,
  isAbandoned: () => boolean,
): Promise<Settled> => {
  const settle = (how: 'ack' | 'requeue'): Settled => {
    if (isAbandoned()) return 'left';
    try {
      if (how === 'ack') channel.ack(message);
      else channel.nack(message, false, true);
      return how === 'ack' ? 'acked' : 'requeued';
    } catch (error) {
      ctx.logger.warn({ handler: handler.name, err: errorText(error) }, 'could not settle delivery; the broker redelivers it');
      return 'left';
    }
  };
  const park = async (reason: string, attempt: number): Promise<Settled> => {
    const headers = { [ATTEMPT_HEADER]: attempt, 'x-switchboard-failure': reason.slice(0, 1000), 'x-switchboard-handler': handler.name };
    await republish(channel, deadQueueName(ctx.prefix, handler.name), message, headers, ctx.timeoutMs);
    ctx.logger.error({ handler: handler.name, messageId: message.properties.messageId, attempt, reason }, 'job parked in the dead-letter queue');
    ctx.observer?.jobSettled(handler.name, 'dead_lettered');
    return settle('ack');
  };

  try {
    const event = decodeEvent(message.content);
    if (!event) return await park('undecodable message body', attemptOf(message));
    if (ctx.processed.has(event.id) || !handler.handles(event)) return settle('ack');
    const attempt = attemptOf(message);
    const outcome = await runEventHandler(handler, event);
    if (outcome.ok) {
      ctx.processed.add(event.id);
      ctx.observer?.jobSettled(handler.name, 'processed');
      return settle('ack');
    }
    if (!outcome.retry || attempt >= ctx.retry.maxAttempts) return await park(outcome.reason, attempt);
    const delayQueue = retryDelayQueue(ctx.prefix, handler.name, ctx.retry, attempt);
    await republish(channel, delayQueue, message, { [ATTEMPT_HEADER]: attempt + 1, 'x-switchboard-last-failure': outcome.reason.slice(0, 1000) }, ctx.timeoutMs);
    ctx.logger.warn({ handler: handler.name, eventId: event.id, attempt, reason: outcome.reason }, 'job failed; retry scheduled');
    ctx.observer?.jobSettled(handler.name, 'retried');
    return settle('ack');
  } catch (error) {
    ctx.logger.warn({ handler: handler.name, err: errorText(error) }, 'could not schedule the retry; requeueing');
    return settle('requeue');
  }
};
