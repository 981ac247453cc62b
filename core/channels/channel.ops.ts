import { Result } from 'effect';
import type { InvalidInput } from '../shared/errors.ts';
import { checkText, firstCodePoints } from '../tickets/text.rules.ts';
import type { Channel } from './channel.ts';

export const channelNameRule = { min: 1, max: 100, notBlank: true } as const;
/** A ticket opened by a channel message without a title takes this many code points of the message. */
export const titleFromMessageLength = 80;
/** A redelivery (the same `webhook-id`) within this long answers like the first delivery. */
export const redeliveryWindowMs = 24 * 60 * 60 * 1000;

/** Deliveries received before this are forgotten: their ids may be used again. */
export const redeliveryHorizon = (now: Date): Date => new Date(now.getTime() - redeliveryWindowMs);

export interface NewChannel {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly key: string;
  readonly secret: string;
  readonly now: Date;
}

export const createChannel = (input: NewChannel): Result.Result<Channel, InvalidInput> =>
  Result.map(checkText('name', input.name, channelNameRule), (name) => ({
    id: input.id,
    tenantId: input.tenantId,
    name,
    key: input.key,
    secret: input.secret,
    createdAt: input.now,
  }));

/** A channel as listed: everything but the secret, which is shown only once at creation. */
export type ChannelSummary = Omit<Channel, 'secret'>;

export const withoutSecret = ({ secret: _secret, ...summary }: Channel): ChannelSummary => summary;

/** The title of a ticket a channel message opens: the given title, or the message's first 80 code points. */
export const intakeTitle = (title: string | null | undefined, message: string): string =>
  title ?? firstCodePoints(message, titleFromMessageLength);
