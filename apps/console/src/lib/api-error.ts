/** One entry of the error envelope's `details`: which field, what is wrong. */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

/** The API's `{ error: { code, message, details } }`, or `network` when no answer came. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ReadonlyArray<FieldProblem>;

  constructor(status: number, code: string, message: string, details: ReadonlyArray<FieldProblem> = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The message for one field, if the API named it. */
  forField(path: string): string | undefined {
    return this.details.find((d) => d.path === path || d.path.startsWith(`${path}.`))?.message;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads an error answer; a body that is not the envelope still becomes an ApiError. */
export const toApiError = (status: number, body: unknown): ApiError => {
  const error = isRecord(body) ? body.error : undefined;
  if (!isRecord(error) || typeof error.code !== 'string') return new ApiError(status, 'http_error', `HTTP ${status}`);
  const details = Array.isArray(error.details)
    ? error.details.filter(isRecord).map((d) => ({ path: String(d.path ?? ''), message: String(d.message ?? '') }))
    : [];
  return new ApiError(status, error.code, typeof error.message === 'string' ? error.message : error.code, details);
};
