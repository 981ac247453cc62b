import { Result } from 'effect';
import { InvalidInput } from '../shared/errors.ts';

import { codePointLength } from '../shared/text.ts';

export { codePointLength };

/** The first `count` code points of `text`, never splitting a surrogate pair. */
export const firstCodePoints = (text: string, count: number): string => Array.from(text).slice(0, count).join('');

/** A text field's bounds in code points; `notBlank`: whitespace alone is refused. */
export interface LengthRule {
  readonly min: number;
  readonly max: number;
  readonly notBlank?: boolean;
}

/** Checks a text field's length in code points; the text itself is kept exactly as given. */
export const checkText = (path: string, text: string, rule: LengthRule): Result.Result<string, InvalidInput> => {
  // A code point is at most two UTF-16 units: a far longer string is refused without being walked.
  const length = text.length > 2 * rule.max ? rule.max + 1 : codePointLength(text);
  if (length < rule.min) return Result.fail(new InvalidInput({ path, message: rule.min === 1 ? 'must not be empty' : `must be at least ${rule.min} characters` }));
  if (length > rule.max) return Result.fail(new InvalidInput({ path, message: `must be at most ${rule.max} characters` }));
  if (rule.notBlank === true && text.trim() === '') return Result.fail(new InvalidInput({ path, message: 'must not be blank' }));
  return Result.succeed(text);
};

/** Like `checkText` for an optional field: null and undefined both mean "not given". */
export const checkOptionalText = (
  path: string,
  text: string | null | undefined,
  rule: LengthRule,
): Result.Result<string | null, InvalidInput> => (text === null || text === undefined ? Result.succeed(null) : checkText(path, text, rule));
