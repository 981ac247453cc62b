import type { Effect } from 'effect';
import type { HttpUseCases } from './http-deps.ts';
import type { BodyRefusal, BodyUnverifiable, HttpProblem, ProblemDetail, RateLimited } from './http-problem.ts';

type ErrorOf<U> = U extends { execute(...args: never[]): Effect.Effect<unknown, infer E, never> } ? E : never;

/** Every expected failure any use case of the API can end with. */
export type UseCaseError = { [K in keyof HttpUseCases]: ErrorOf<HttpUseCases[K]> }[keyof HttpUseCases];
export type KnownError = UseCaseError | BodyRefusal | RateLimited | BodyUnverifiable;
export type KnownTag = KnownError['_tag'];

interface Answer {
  readonly message: string;
  readonly details?: ReadonlyArray<ProblemDetail>;
  readonly headers?: Readonly<Record<string, string>>;
}

/** How one tag is answered; `status`, `code`, `when` and `headers` are also what the OpenAPI document shows. */
export interface ErrorEntry<E = never> {
  readonly status: number;
  readonly code: string;
  readonly when: string;
  /** Response headers it sets: name → description. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly answer: (error: E) => Answer;
}

const snake = (path: string): string => path.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const says = (message: string) => (): Answer => ({ message });

/** The one exhaustive mapping from a failure's tag to the HTTP answer; a new tag fails the typecheck here. */
const table: { readonly [T in KnownTag]: ErrorEntry<Extract<KnownError, { _tag: T }>> } = {
  MalformedJson: { status: 400, code: 'malformed_json', when: 'the body is not JSON', answer: says('The body is not valid JSON.') },
  PayloadTooLarge: {
    status: 413,
    code: 'payload_too_large',
    when: 'the body is over the size limit',
    answer: (e) => ({ message: `The body exceeds ${e.limitBytes} bytes.` }),
  },
  UnsupportedMediaType: {
    status: 415,
    code: 'unsupported_media_type',
    when: 'a body without the application/json content type',
    answer: says('Send the body as application/json.'),
  },
  ValidationFailed: {
    status: 422,
    code: 'validation_failed',
    when: 'the body, query or path failed validation',
    answer: (e) => ({ message: 'The request failed validation.', details: e.details }),
  },
  RateLimited: {
    status: 429,
    code: 'rate_limited',
    when: 'too many attempts',
    headers: { 'Retry-After': 'Seconds to wait before retrying' },
    answer: (e) => ({ message: 'Too many attempts; retry later.', headers: { 'Retry-After': String(Math.max(1, Math.ceil(e.retryAfterSeconds))) } }),
  },
  BodyUnverifiable: {
    status: 401,
    code: 'unauthenticated',
    when: 'the signed body is over the size limit, so its signature cannot be verified',
    answer: says('The body is over the size limit, so its signature cannot be verified.'),
  },
  TooManyStreams: {
    status: 429,
    code: 'rate_limited',
    when: 'the user already has EVENT_STREAMS_PER_USER live-event streams open',
    headers: { 'Retry-After': 'Seconds until a stream lease can run out' },
    answer: (e) => ({ message: 'Too many live-event streams open; close one or retry later.', headers: { 'Retry-After': String(Math.max(1, Math.ceil(e.retryAfterSeconds))) } }),
  },
  Unauthenticated: { status: 401, code: 'unauthenticated', when: 'token missing, malformed, expired, badly signed, or user deactivated', answer: says('Authentication is required.') },
  ChannelUnauthenticated: { status: 401, code: 'unauthenticated', when: 'unknown channel key or bad signature', answer: says('Unknown channel key or bad signature.') },
  InvalidCredentials: { status: 401, code: 'invalid_credentials', when: 'wrong email or password', answer: says('Wrong email or password.') },
  InvalidRefreshToken: { status: 401, code: 'invalid_refresh_token', when: 'refresh token unknown, expired, revoked or reused', answer: says('The refresh token is not valid.') },
  WebhookUnauthenticated: { status: 401, code: 'unauthenticated', when: 'unknown webhook token, or a payload not of its app', answer: says('Unknown webhook token or app.') },
  Forbidden: { status: 403, code: 'forbidden', when: 'the role or ownership rule says no', answer: says('Your role does not allow this.') },
  NotFound: { status: 404, code: 'not_found', when: "no such resource in the caller's tenant", answer: says('No such resource.') },
  InvalidInput: {
    status: 422,
    code: 'validation_failed',
    when: 'a value failed a domain rule',
    answer: (e) => ({ message: 'The request failed validation.', details: [{ path: snake(e.path), message: e.message }] }),
  },
  InvalidPlatformNotice: {
    status: 422,
    code: 'validation_failed',
    when: 'not a Qiscus payload',
    answer: () => ({ message: 'Not a Qiscus payload.', details: [{ path: 'room_id', message: 'room_id is required' }] }),
  },
  InvalidTransition: {
    status: 409,
    code: 'invalid_transition',
    when: 'the status change is not allowed from the current status',
    answer: (e) => ({
      message: `A ticket cannot go from ${e.from} to ${e.to}.`,
      details: [{ path: 'status', message: `allowed: ${e.allowed.length === 0 ? 'none' : e.allowed.join(', ')}` }],
    }),
  },
  TicketClosed: { status: 409, code: 'ticket_closed', when: 'the ticket is closed', answer: says('The ticket is closed.') },
  EmailTaken: {
    status: 409,
    code: 'conflict',
    when: 'the email is taken',
    answer: () => ({ message: 'The email is already taken.', details: [{ path: 'email', message: 'email_taken' }] }),
  },
  ExternalIdTaken: {
    status: 409,
    code: 'conflict',
    when: 'the external id is taken',
    answer: () => ({ message: 'The external id is already taken.', details: [{ path: 'external_id', message: 'external_id_taken' }] }),
  },
  WebhookInactive: { status: 409, code: 'conflict', when: 'the webhook is not active', answer: says('The webhook is not active; activate it first.') },
  UpstreamFailed: { status: 502, code: 'upstream_error', when: 'Qiscus failed after retries', answer: says('Qiscus did not answer usefully; try again later.') },
  StoreUnavailable: { status: 503, code: 'unavailable', when: 'the database (or broker) does not answer', answer: says('The service is temporarily unavailable.') },
};

export const problemOf = (error: KnownError): HttpProblem => {
  const entry = table[error._tag] as ErrorEntry<KnownError>;
  return { status: entry.status, code: entry.code, ...entry.answer(error) };
};

/** How a tag is answered, for the OpenAPI document. */
export const entryOf = (tag: KnownTag): ErrorEntry<never> => table[tag];
