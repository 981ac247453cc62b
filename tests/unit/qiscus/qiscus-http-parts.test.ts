import { Effect, Result, Schema } from 'effect';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../adapters/qiscus/qiscus-http.ts';
import { pageThrough } from '../../../adapters/qiscus/qiscus-paging.ts';
import { errorMessage, WebhookSettingsReply } from '../../../adapters/qiscus/qiscus-schemas.ts';

describe('backoffDelay', () => {
  const policy = { baseDelayMs: 100, maxDelayMs: 1000 };

  it('doubles per attempt, keeps half of each step fixed and caps at the maximum', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, policy, () => 1))).toEqual([100, 200, 400, 800, 1000]);
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, policy, () => 0))).toEqual([50, 100, 200, 400, 500]);
  });
});

describe('errorMessage', () => {
  it('reads the error forms Qiscus uses', () => {
    expect(errorMessage({ errors: 'Cant join room, exceed max agents', status: 400 })).toBe('Cant join room, exceed max agents');
    expect(errorMessage({ errors: { message: 'room already resolved' }, status: 400 })).toBe('room already resolved');
    expect(errorMessage({ errors: ['a', { message: 'b' }], status: 422 })).toBe('a; b');
    expect(errorMessage('<html>Bad Gateway</html>')).toBe('<html>Bad Gateway</html>');
    expect(errorMessage({ unexpected: true })).toBe('no error message');
  });
});

describe('WebhookSettingsReply', () => {
  it('accepts the app object as data or as data.app', () => {
    const app = { mark_as_resolved_webhook_url: 'https://x', is_mark_as_resolved_webhook_enabled: true, name: 'App' };
    expect(Result.isSuccess(Schema.decodeUnknownResult(WebhookSettingsReply)({ data: app }))).toBe(true);
    expect(Result.isSuccess(Schema.decodeUnknownResult(WebhookSettingsReply)({ data: { app } }))).toBe(true);
    expect(Result.isSuccess(Schema.decodeUnknownResult(WebhookSettingsReply)({ data: { name: 'App' } }))).toBe(false);
  });
});

describe('pageThrough', () => {
  it('stops with a retryable error when the platform repeats a cursor', async () => {
    const pages = (cursor: string | null) => Effect.succeed({ items: [cursor], next: 'same' });
    const error = await Effect.runPromise(Effect.flip(pageThrough('list', pages, 50)));
    expect(error).toMatchObject({ _tag: 'ChatPlatformUnavailable', reason: 'the platform repeated a page cursor' });
  });

  it('stops after the page limit', async () => {
    let n = 0;
    const pages = () => Effect.succeed({ items: [n], next: `c${n++}` });
    const error = await Effect.runPromise(Effect.flip(pageThrough('list', pages, 3)));
    expect(error).toMatchObject({ _tag: 'ChatPlatformUnavailable', reason: 'more than 3 pages' });
  });
});
