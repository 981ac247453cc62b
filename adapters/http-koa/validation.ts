import { Result, Schema, SchemaGetter, SchemaIssue } from 'effect';
import { hasCodePointsWithin } from '../../core/shared/text.ts';
import { validationFailed, type ProblemDetail, type ValidationFailed } from './http-problem.ts';

const formatter = SchemaIssue.makeFormatterStandardSchemaV1();

const detailsOf = (issue: SchemaIssue.Issue): ReadonlyArray<ProblemDetail> =>
  formatter(issue).issues.map((i) => ({
    path: (i.path ?? []).map((p) => String(typeof p === 'object' && p !== null && 'key' in p ? p.key : p)).join('.'),
    message: i.message,
  }));

type Decode<T> = (input: unknown) => Result.Result<T, Schema.SchemaError>;
const decoders = new WeakMap<Schema.Decoder<unknown>, Decode<unknown>>();

// Built once per schema, not per request.
const decoderOf = <T>(schema: Schema.Decoder<T>): Decode<T> => {
  let decoder = decoders.get(schema);
  if (decoder === undefined) {
    decoder = Schema.decodeUnknownResult(schema, { errors: 'all' });
    decoders.set(schema, decoder);
  }
  return decoder as Decode<T>;
};

/** Decodes `input` into exactly the schema's shape; unknown keys are dropped, every failure is reported. */
export const decodeWith = <T>(schema: Schema.Decoder<T>, input: unknown): T | ValidationFailed => {
  const result = decoderOf(schema)(input);
  return Result.isSuccess(result) ? result.success : validationFailed(detailsOf(result.failure.issue));
};

/** A string whose length, in Unicode code points, lies in min..max. */
export const Text = (min: number, max: number) =>
  Schema.String.pipe(
    Schema.check(
      Schema.makeFilter<string>(
        (s) => hasCodePointsWithin(s, min, max) || `must be ${min}..${max} characters long`,
        { toJsonSchema: () => ({ minLength: min, maxLength: max }) },
      ),
    ),
  );

/** An integer in min..max. */
export const IntBetween = (minimum: number, maximum: number) =>
  Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum, maximum })));

export const intParamPattern = /^[0-9]{1,9}$/;

/** A query-string integer in min..max (digits only). */
export const IntParam = (minimum: number, maximum: number) =>
  Schema.String.pipe(
    Schema.check(Schema.isPattern(intParamPattern, { message: 'must be an integer' })),
    Schema.decodeTo(IntBetween(minimum, maximum), {
      decode: SchemaGetter.transform((s: string) => Number(s)),
      encode: SchemaGetter.transform((n: number) => String(n)),
    }),
  );

export const BooleanParam = Schema.Literals(['true', 'false']);

/** Drops empty query values (`limit=` counts as absent). */
export const nonEmptyQuery = (query: Readonly<Record<string, unknown>>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(query).filter(([, v]) => v !== ''));
