import { Data, Effect } from 'effect';

export interface ProblemDetail {
  readonly path: string;
  readonly message: string;
}

/** An error answer: status, API.md error code, human message, optional details and headers. */
export interface HttpProblem {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly details?: ReadonlyArray<ProblemDetail>;
  readonly headers?: Readonly<Record<string, string>>;
}

// Failures decided at the HTTP edge itself (shape, media type, limits), not by a use case; error-table.ts answers them.

/** The body is not JSON (or not UTF-8). */
export class MalformedJson extends Data.TaggedError('MalformedJson')<{}> {}

/** The body is over the size limit. */
export class PayloadTooLarge extends Data.TaggedError('PayloadTooLarge')<{ readonly limitBytes: number }> {}

/** A body without the JSON media type. */
export class UnsupportedMediaType extends Data.TaggedError('UnsupportedMediaType')<{}> {}

/** The body, query or path does not have the documented shape. */
export class ValidationFailed extends Data.TaggedError('ValidationFailed')<{ readonly details: ReadonlyArray<ProblemDetail> }> {}

/** Too many attempts; retry after that many seconds. */
export class RateLimited extends Data.TaggedError('RateLimited')<{ readonly retryAfterSeconds: number }> {}

/** A signed body that was not read (over the size limit), so its signature cannot be checked. */
export class BodyUnverifiable extends Data.TaggedError('BodyUnverifiable')<{}> {}

/** What reading a JSON body can end with. */
export type BodyRefusal = MalformedJson | PayloadTooLarge | UnsupportedMediaType | ValidationFailed;

/** A value, or the edge failure returned in its place (decoders, body reads), as an Effect. */
export const lift = <V>(value: V): Effect.Effect<Exclude<V, BodyRefusal>, Extract<V, BodyRefusal>> =>
  value instanceof Error ? Effect.fail(value as Extract<V, BodyRefusal>) : Effect.succeed(value as Exclude<V, BodyRefusal>);

export const validationFailed = (details: ReadonlyArray<ProblemDetail>): ValidationFailed => new ValidationFailed({ details });

export const rateLimited = (retryAfterSeconds: number): RateLimited => new RateLimited({ retryAfterSeconds });

export const errorBody = (p: HttpProblem): { error: { code: string; message: string; details?: ReadonlyArray<ProblemDetail> } } => ({
  error: p.details === undefined ? { code: p.code, message: p.message } : { code: p.code, message: p.message, details: p.details },
});
