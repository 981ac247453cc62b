import { Result } from 'effect';
import { describe, expect, it } from 'vitest';
import { createChannel, intakeTitle, withoutSecret } from '../../../core/channels/channel.ops.ts';

const base = { id: 'c1', tenantId: 't1', key: 'k', secret: 's', now: new Date(0) };

describe('createChannel', () => {
  it('accepts 1..100 code points, emoji counting once, and keeps the name as given', () => {
    const name = '📮'.repeat(100);
    expect(Result.getOrThrow(createChannel({ ...base, name }))).toEqual({ id: 'c1', tenantId: 't1', name, key: 'k', secret: 's', createdAt: new Date(0) });
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['101 code points', 'a'.repeat(101)],
  ])('refuses a name that is %s', (_name, name) => {
    const result = createChannel({ ...base, name });
    expect(Result.isFailure(result) && result.failure).toMatchObject({ _tag: 'InvalidInput', path: 'name' });
  });
});

describe('withoutSecret', () => {
  it('drops the secret only', () => {
    const channel = Result.getOrThrow(createChannel({ ...base, name: 'Web' }));
    expect(withoutSecret(channel)).toEqual({ id: 'c1', tenantId: 't1', name: 'Web', key: 'k', createdAt: new Date(0) });
  });
});

describe('intakeTitle', () => {
  it('takes the given title', () => {
    expect(intakeTitle('Order late', 'x'.repeat(300))).toBe('Order late');
  });

  it('otherwise takes the first 80 code points of the message, never splitting an emoji', () => {
    const message = '😀'.repeat(85);
    expect(intakeTitle(undefined, message)).toBe('😀'.repeat(80));
    expect(intakeTitle(null, 'short')).toBe('short');
  });
});
