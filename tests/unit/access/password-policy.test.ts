import { Result } from 'effect';
import { describe, expect, it } from 'vitest';
import { checkPassword, codePointLength } from '../../../core/access/password.policy.ts';
import { InvalidInput } from '../../../core/shared/errors.ts';

describe('password policy', () => {
  it('counts code points, so an emoji is one character', () => {
    expect(codePointLength('😀😀')).toBe(2);
    expect('😀😀'.length).toBe(4);
  });

  it.each([
    ['8 ascii characters', 'abcdefgh'],
    ['8 emoji (32 UTF-16 units)', '😀'.repeat(8)],
    ['128 characters', 'x'.repeat(128)],
    ['128 emoji', '🐎'.repeat(128)],
    ['spaces and mixed scripts', 'pässwörd 密码 ок'],
  ])('accepts %s, whole', (_label, password) => {
    const result = checkPassword(password);
    expect(Result.isSuccess(result) && result.success).toBe(password);
  });

  it.each([
    ['7 characters', 'abcdefg'],
    ['4 emoji (8 UTF-16 units)', '😀'.repeat(4)],
    ['129 characters', 'x'.repeat(129)],
    ['empty', ''],
  ])('refuses %s', (_label, password) => {
    expect(checkPassword(password)).toEqual(Result.fail(new InvalidInput({ path: 'password', message: 'must be 8 to 128 characters' })));
  });

  it('names the field it checked', () => {
    const result = checkPassword('short', 'admin_password');
    expect(Result.isFailure(result) && result.failure.path).toBe('admin_password');
  });
});
