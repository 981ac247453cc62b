import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

export interface SigningChannel {
  readonly key: string;
  readonly secret: string;
}

/**
 * The headers of a channel webhook delivery, signed by the Standard Webhooks reference library (so the
 * tests prove any of its libraries can send it); a fresh `webhook-id` unless one is given.
 */
export const channelHeaders = (
  channel: SigningChannel,
  raw: string,
  options: { readonly id?: string; readonly at?: Date } = {},
): Record<string, string> => {
  const id = options.id ?? `msg_${randomUUID()}`;
  const at = options.at ?? new Date();
  return {
    'x-channel-key': channel.key,
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(channel.secret).sign(id, at, raw),
  };
};
