import { Result } from 'effect';
import { InvalidInput } from '../shared/errors.ts';
import { hasCodePointsWithin } from '../shared/text.ts';

export const passwordMinLength = 8;
export const passwordMaxLength = 128;

export { codePointLength } from '../shared/text.ts';

/** 8..128 code points, anything allowed (emoji included); the password is kept whole, never truncated. */
export const checkPassword = (password: string, path = 'password'): Result.Result<string, InvalidInput> => {
  return hasCodePointsWithin(password, passwordMinLength, passwordMaxLength)
    ? Result.succeed(password)
    : Result.fail(new InvalidInput({ path, message: `must be ${passwordMinLength} to ${passwordMaxLength} characters` }));
};
