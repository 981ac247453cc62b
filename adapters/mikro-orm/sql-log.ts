import type { SqlFailure } from './sql-failure.ts';

/**
 * What a failed statement may leave in a log: its template (every literal replaced by `?`) and the
 * driver's codes, never a parameter. mysql2 and MikroORM put the statement with its values inlined in
 * `sql` and in the message ("insert … values ('a@b.c', '$argon2id…') - Duplicate entry 'a@b.c' …").
 */

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isWordChar = (c: number): boolean => isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x24;

/** `text` with every quoted string and every number replaced by `?`, in one pass (backtick identifiers kept). */
export const statementTemplate = (text: string): string => {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x27 || c === 0x22) {
      // A quoted literal: backslash escapes, a doubled quote stays inside; an unterminated one runs to the end.
      let j = i + 1;
      while (j < text.length) {
        const d = text.charCodeAt(j);
        if (d === 0x5c) j += 2;
        else if (d === c && text.charCodeAt(j + 1) === c) j += 2;
        else if (d === c) break;
        else j += 1;
      }
      out += '?';
      i = j + 1;
    } else if (c === 0x60) {
      const end = text.indexOf('`', i + 1);
      const stop = end === -1 ? text.length : end + 1;
      out += text.slice(i, stop);
      i = stop;
    } else if (isDigit(c) && (i === 0 || !isWordChar(text.charCodeAt(i - 1)))) {
      let j = i;
      while (j < text.length && (isWordChar(text.charCodeAt(j)) || text.charCodeAt(j) === 0x2e)) j += 1;
      out += '?';
      i = j;
    } else {
      out += text[i];
      i += 1;
    }
  }
  return out;
};

interface DriverErrorShape {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly stack?: unknown;
  readonly code?: unknown;
  readonly errno?: unknown;
  readonly sqlState?: unknown;
}

/** A driver error reduced to what may be logged: its name, codes and templated message; the stack keeps its frames only. */
export class LoggableSqlError extends Error {
  /** What the original meant (classified before its text was templated). */
  readonly failure: SqlFailure;
  readonly code: string | undefined;
  readonly errno: number | undefined;
  readonly sqlState: string | undefined;

  constructor(error: unknown, failure: SqlFailure) {
    const raw = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as DriverErrorShape;
    super(statementTemplate(typeof raw.message === 'string' ? raw.message : 'statement failed'));
    this.failure = failure;
    this.name = typeof raw.name === 'string' ? raw.name : 'SqlError';
    this.code = typeof raw.code === 'string' ? raw.code : undefined;
    this.errno = typeof raw.errno === 'number' ? raw.errno : undefined;
    this.sqlState = typeof raw.sqlState === 'string' ? raw.sqlState : undefined;
    const frames = typeof raw.stack === 'string' ? raw.stack.indexOf('\n    at ') : -1;
    this.stack = `${this.name}: ${this.message}${frames === -1 ? '' : (raw.stack as string).slice(frames)}`;
  }
}
