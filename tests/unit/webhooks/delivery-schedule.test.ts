import { describe, expect, it } from 'vitest';
import { afterAttempt, redelivered } from '../../../core/webhooks/delivery-attempt.ts';
import { baseDelayMs, disableDue, healthAfter, jittered, nextAttemptAt, retryWindowMs } from '../../../core/webhooks/delivery-schedule.ts';
import type { WebhookDelivery } from '../../../core/webhooks/webhook.ts';

const t0 = new Date('2026-12-01T00:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const min = 60_000;
const hour = 60 * min;
const day = 24 * hour;

const pending: WebhookDelivery = {
  id: 'd1', tenantId: 't1', webhookId: 'w1', eventId: 'e1', type: 'ticket.created', ticketId: 'k1', sequence: 1, payload: '{}',
  status: 'pending', attempts: 0, lastStatusCode: null, lastError: null, nextAttemptAt: t0, firstAttemptAt: null, deliveredAt: null, createdAt: t0,
};
const answer = (status: number, body = '') => ({ kind: 'response' as const, status, headers: {}, body: new TextEncoder().encode(body) });

describe('the retry schedule (API.md: about 5 s, 1 min, 5 min, 30 min, 2 h, 8 h, then daily up to 3 days)', () => {
  it('waits those delays after the 1st..6th failure, then a day', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(baseDelayMs)).toEqual([5_000, min, 5 * min, 30 * min, 2 * hour, 8 * hour, day, day]);
  });

  it('jitters each wait by up to 20% either way', () => {
    expect(jittered(10_000, 0)).toBe(8_000);
    expect(jittered(10_000, 0.5)).toBe(10_000);
    expect(jittered(10_000, 0.999999)).toBe(12_000);
  });

  it('retries until 3 days after the first attempt, the last try at that mark, then gives up', () => {
    let now = t0;
    const tries = [now];
    for (let failures = 1; ; failures++) {
      const next = nextAttemptAt(failures, t0, now, 0.5);
      if (next === null) break;
      now = next;
      tries.push(now);
    }
    const offsets = tries.map((d) => d.getTime() - t0.getTime());
    expect(offsets.slice(0, 7)).toEqual([0, 5_000, 65_000, 365_000, 365_000 + 30 * min, 365_000 + 150 * min, 365_000 + 630 * min]);
    expect(offsets.at(-1)).toBe(retryWindowMs);
    expect(offsets).toHaveLength(10);
  });
});

describe('an attempt', () => {
  it('is a delivery on a 2xx', () => {
    expect(afterAttempt(pending, answer(204), at(1000), 0.5)).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 204, deliveredAt: at(1000), nextAttemptAt: null });
  });

  it('keeps a short excerpt of a failed answer and the next try', () => {
    const failed = afterAttempt(pending, answer(500, `boom ${'é'.repeat(10_000)}`), t0, 0.5);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500, nextAttemptAt: at(5_000), firstAttemptAt: t0 });
    expect(Array.from(failed.lastError ?? '').length).toBeLessThanOrEqual(210);
    expect(failed.lastError).toMatch(/^HTTP 500: boom é+$/u);
  });

  it('says why there was no answer', () => {
    expect(afterAttempt(pending, { kind: 'failed', reason: 'timed out', timedOut: true, tooLarge: false }, t0, 0.5).lastError).toBe('timed out');
    expect(afterAttempt(pending, { kind: 'refused', reason: 'host resolves to a loopback address' }, t0, 0.5).lastError).toBe('refused: host resolves to a loopback address');
  });

  it('gives up (failed) once the retry window is over', () => {
    const late = { ...pending, attempts: 9, firstAttemptAt: t0 };
    expect(afterAttempt(late, answer(500), at(retryWindowMs), 0.5)).toMatchObject({ status: 'failed', attempts: 10, nextAttemptAt: null });
  });

  it('redelivers a delivered one once: a failure then gives up at once', () => {
    const done = afterAttempt(pending, answer(200), t0, 0.5);
    const again = redelivered(done, at(day));
    expect(again).toMatchObject({ status: 'pending', nextAttemptAt: at(day) });
    expect(afterAttempt(again, answer(500), at(day), 0.5).status).toBe('failed');
    const retrying = afterAttempt(pending, answer(500), t0, 0.5);
    expect(redelivered(retrying, at(1000))).toMatchObject({ status: 'pending', nextAttemptAt: at(1000), firstAttemptAt: t0 });
  });
});

describe('the disable rule (3 days of failures)', () => {
  it('disables an endpoint whose failures began 3 days ago, not earlier', () => {
    expect(disableDue(null, at(10 * day))).toBe(false);
    expect(disableDue(t0, at(retryWindowMs - 1))).toBe(false);
    expect(disableDue(t0, at(retryWindowMs))).toBe(true);
  });

  it('starts counting at the first failure and forgets on a success', () => {
    expect(healthAfter(null, false, at(hour))).toEqual({ failingSince: at(hour), disable: false });
    expect(healthAfter(t0, false, at(3 * day))).toEqual({ failingSince: t0, disable: true });
    expect(healthAfter(t0, true, at(3 * day))).toEqual({ failingSince: null, disable: false });
  });
});
