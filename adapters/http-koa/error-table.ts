import type { Effect } from 'effect';
import type { HttpUseCases } from './http-deps.ts';
import type { HttpFailure, HttpProblem } from './http-problem.ts';

type ErrorOf<U> = U extends { execute(...args: never[]): Effect.Effect<unknown, infer E, never> } ? E : never;

/** Every expected failure any use case of the API can end with. */
export type UseCaseError = { [K in keyof HttpUseCases]: ErrorOf<HttpUseCases[K]> }[keyof HttpUseCases];
export type KnownError = UseCaseError | HttpFailure;
type Tag = KnownError['_tag'];

const snake = (path: string): string => path.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The one exhaustive mapping from a failure's tag to the HTTP answer; a new tag fails the typecheck here. */
const table: { readonly [T in Tag]: (error: Extract<KnownError, { _tag: T }>) => HttpProblem } = {
  HttpFailure: (e) => e.problem,
  Unauthenticated: () => ({ status: 401, code: 'unauthenticated', message: 'Authentication is required.' }),
  ChannelUnauthenticated: () => ({ status: 401, code: 'unauthenticated', message: 'Unknown channel key or bad signature.' }),
  InvalidCredentials: () => ({ status: 401, code: 'invalid_credentials', message: 'Wrong email or password.' }),
  InvalidRefreshToken: () => ({ status: 401, code: 'invalid_refresh_token', message: 'The refresh token is not valid.' }),
  Forbidden: () => ({ status: 403, code: 'forbidden', message: 'Your role does not allow this.' }),
  NotFound: () => ({ status: 404, code: 'not_found', message: 'No such resource.' }),
  InvalidInput: (e) => ({
    status: 422,
    code: 'validation_failed',
    message: 'The request failed validation.',
    details: [{ path: snake(e.path), message: e.message }],
  }),
  InvalidTransition: (e) => ({
    status: 409,
    code: 'invalid_transition',
    message: `A ticket cannot go from ${e.from} to ${e.to}.`,
    details: [{ path: 'status', message: `allowed: ${e.allowed.length === 0 ? 'none' : e.allowed.join(', ')}` }],
  }),
  TicketClosed: () => ({ status: 409, code: 'ticket_closed', message: 'The ticket is closed.' }),
  EmailTaken: () => ({
    status: 409,
    code: 'conflict',
    message: 'The email is already taken.',
    details: [{ path: 'email', message: 'email_taken' }],
  }),
  ExternalIdTaken: () => ({
    status: 409,
    code: 'conflict',
    message: 'The external id is already taken.',
    details: [{ path: 'external_id', message: 'external_id_taken' }],
  }),
  WebhookUnauthenticated: () => ({ status: 401, code: 'unauthenticated', message: 'Unknown webhook token or app.' }),
  InvalidPlatformNotice: () => ({
    status: 422,
    code: 'validation_failed',
    message: 'Not a Qiscus payload.',
    details: [{ path: 'room_id', message: 'room_id is required' }],
  }),
  UpstreamFailed: () => ({ status: 502, code: 'upstream_error', message: 'Qiscus did not answer usefully; try again later.' }),
  StoreUnavailable: () => ({ status: 503, code: 'unavailable', message: 'The service is temporarily unavailable.' }),
};

export const problemOf = (error: KnownError): HttpProblem =>
  (table[error._tag] as (e: KnownError) => HttpProblem)(error);
