import type { OutboundResult } from '../shared/outbound.port.ts';
import { firstCodePoints } from '../tickets/text.rules.ts';
import { nextAttemptAt, retryWindowMs } from './delivery-schedule.ts';
import type { WebhookDelivery } from './webhook.ts';

/** How much of an answer's body `last_error` keeps. */
export const errorExcerptLength = 200;

// Decodes only the start: the answer may be 64 KiB.
const excerpt = (body: Uint8Array): string => firstCodePoints(new TextDecoder().decode(body.subarray(0, 4 * errorExcerptLength)), errorExcerptLength).trim();

const isSuccess = (result: OutboundResult): boolean => result.kind === 'response' && result.status >= 200 && result.status < 300;

/** What `last_error` says about a failed attempt: the status and the start of the answer, or why there was none. */
export const failureOf = (result: OutboundResult): string => {
  if (result.kind === 'refused') return `refused: ${result.reason}`;
  if (result.kind === 'failed') return result.reason;
  const text = excerpt(result.body);
  return text === '' ? `HTTP ${result.status}` : `HTTP ${result.status}: ${text}`;
};

/** The delivery after an attempt made at `now`: delivered, retried later, or given up (`failed`). */
export const afterAttempt = (delivery: WebhookDelivery, result: OutboundResult, now: Date, random: number): WebhookDelivery => {
  const attempts = delivery.attempts + 1;
  const firstAttemptAt = delivery.firstAttemptAt ?? now;
  const lastStatusCode = result.kind === 'response' ? result.status : null;
  if (isSuccess(result)) {
    return { ...delivery, status: 'delivered', attempts, firstAttemptAt, lastStatusCode, lastError: null, nextAttemptAt: null, deliveredAt: now };
  }
  const next = nextAttemptAt(attempts, firstAttemptAt, now, random);
  return { ...delivery, status: next === null ? 'failed' : 'pending', attempts, firstAttemptAt, lastStatusCode, lastError: failureOf(result), nextAttemptAt: next };
};

/** The delivery queued for one more attempt now (a redelivery); a delivered or failed one gets that single attempt, no retries. */
export const redelivered = (delivery: WebhookDelivery, now: Date): WebhookDelivery =>
  delivery.status === 'pending'
    ? { ...delivery, nextAttemptAt: now }
    : // Its retry window is already over, so a failure gives up at once.
      { ...delivery, status: 'pending', nextAttemptAt: now, firstAttemptAt: new Date(now.getTime() - retryWindowMs) };

export const droppedReason = 'endpoint deactivated';
