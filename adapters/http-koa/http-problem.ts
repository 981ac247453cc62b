import { Data } from 'effect';

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

/** A failure decided at the HTTP edge itself (shape, media type, limits), not by a use case. */
export class HttpFailure extends Data.TaggedError('HttpFailure')<{ readonly problem: HttpProblem }> {}

export const problem = (status: number, code: string, message: string, details?: ReadonlyArray<ProblemDetail>): HttpFailure =>
  new HttpFailure({ problem: details === undefined ? { status, code, message } : { status, code, message, details } });

export const validationFailed = (details: ReadonlyArray<ProblemDetail>): HttpFailure =>
  problem(422, 'validation_failed', 'The request failed validation.', details);

export const notFound = (): HttpFailure => problem(404, 'not_found', 'No such resource.');

export const unauthenticated = (): HttpFailure => problem(401, 'unauthenticated', 'Authentication is required.');

export const forbidden = (): HttpFailure => problem(403, 'forbidden', 'Your role does not allow this.');

export const rateLimited = (retryAfterSeconds: number): HttpFailure =>
  new HttpFailure({
    problem: {
      status: 429,
      code: 'rate_limited',
      message: 'Too many attempts; retry later.',
      headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
    },
  });

export const errorBody = (p: HttpProblem): { error: { code: string; message: string; details?: ReadonlyArray<ProblemDetail> } } => ({
  error: p.details === undefined ? { code: p.code, message: p.message } : { code: p.code, message: p.message, details: p.details },
});
