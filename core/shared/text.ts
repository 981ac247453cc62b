/** Length in Unicode code points (an emoji or other 4-byte character counts once). */
export const codePointLength = (text: string): number => {
  let length = 0;
  for (const _ of text) length += 1;
  return length;
};

/** Whether `text` has min..max code points; a string far outside the bound is refused without being walked. */
export const hasCodePointsWithin = (text: string, min: number, max: number): boolean => {
  // A code point is one or two UTF-16 units.
  if (text.length < min || text.length > 2 * max) return false;
  const length = codePointLength(text);
  return length >= min && length <= max;
};

/** `text` without its trailing slashes, in one pass (`/\/+$/` backtracks quadratically on a run of slashes). */
export const withoutTrailingSlashes = (text: string): string => {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x2f) end -= 1;
  return text.slice(0, end);
};

/** `local@domain`, no whitespace, one `@`: linear (anchored, classes that exclude the separator). */
export const emailShape = /^[^\s@]+@[^\s@]+$/u;

export const emailMaxLength = 254;

/** An email address's shape, checked only on a string no longer than an address can be. */
export const isEmailShaped = (text: string): boolean => hasCodePointsWithin(text, 3, emailMaxLength) && emailShape.test(text);
