import { Result } from 'effect';
import { InvalidInput } from '../shared/errors.ts';

export const passwordMinLength = 8;
export const passwordMaxLength = 128;

/** Length in Unicode code points, so an emoji counts once. */
export const codePointLength = (text: string): number => [...text].length;

/** 8..128 code points, anything allowed (emoji included); the password is kept whole, never truncated. */
export const checkPassword = (password: string, path = 'password'): Result.Result<string, InvalidInput> => {
  const length = codePointLength(password);
  return length >= passwordMinLength && length <= passwordMaxLength
    ? Result.succeed(password)
    : Result.fail(new InvalidInput({ path, message: `must be ${passwordMinLength} to ${passwordMaxLength} characters` }));
};
