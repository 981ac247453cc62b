import { Effect } from 'effect';
import type { HttpUseCases } from './http-deps.ts';
import { rateLimited } from './http-problem.ts';
import type { LoginThrottle } from './rate-limits.ts';
import { AvailabilityBody, LoginBody, RefreshBody } from './request.schemas.ts';
import { noContent, ok, publicRoute, staffRoute, type AnyRoute } from './route.ts';
import { SessionDto, UserDto } from './dto.schemas.ts';
import { sessionJson, userJson } from './serializers.ts';

export const authRoutes = (useCases: HttpUseCases, throttle: LoginThrottle): ReadonlyArray<AnyRoute> => [
  publicRoute({
    method: 'post',
    path: '/api/login',
    tag: 'Auth',
    summary: 'Log in with email and password',
    body: LoginBody,
    success: { status: 200, description: 'A new session', schema: SessionDto },
    errors: ['InvalidCredentials', 'RateLimited', 'StoreUnavailable'],
    handle: ({ body, clientAddress }) =>
      Effect.gen(function* () {
        // Counted before the password is checked (consume, then give back on success): simultaneous attempts cannot all be checked.
        const wait = yield* throttle.admit(body.email, clientAddress);
        if (wait !== null) return yield* rateLimited(wait);
        const session = yield* useCases.login.execute(body).pipe(
          Effect.tapError((e) => (e._tag === 'InvalidCredentials' ? Effect.void : throttle.notFailed(body.email, clientAddress).pipe(Effect.ignore))),
        );
        yield* throttle.succeeded(body.email, clientAddress);
        return ok(sessionJson(session));
      }),
  }),
  publicRoute({
    method: 'post',
    path: '/api/refresh-token',
    tag: 'Auth',
    summary: 'Exchange a refresh token for a new session (rotation)',
    body: RefreshBody,
    success: { status: 200, description: 'A new session; the presented refresh token is spent', schema: SessionDto },
    errors: ['InvalidRefreshToken', 'StoreUnavailable'],
    handle: ({ body }) => useCases.refresh.execute({ refreshToken: body.refresh_token }).pipe(Effect.map((s) => ok(sessionJson(s)))),
  }),
  publicRoute({
    method: 'post',
    path: '/api/logout',
    tag: 'Auth',
    summary: "Revoke the refresh token's login (its whole family)",
    body: RefreshBody,
    success: { status: 204, description: 'Logged out (also for an unknown or revoked token)' },
    errors: ['StoreUnavailable'],
    handle: ({ body }) => useCases.logout.execute({ refreshToken: body.refresh_token }).pipe(Effect.as(noContent)),
  }),
  staffRoute({
    method: 'get',
    path: '/api/me',
    tag: 'Auth',
    summary: 'The calling user',
    success: { status: 200, description: 'The calling user', schema: UserDto },
    errors: ['NotFound', 'StoreUnavailable'],
    handle: ({ actor }) => useCases.getMe.execute(undefined, actor).pipe(Effect.map((u) => ok(userJson(u)))),
  }),
  staffRoute({
    method: 'patch',
    path: '/api/me/availability',
    tag: 'Auth',
    summary: 'Go online or offline',
    action: 'availability.set_own',
    body: AvailabilityBody,
    success: { status: 200, description: 'The calling user', schema: UserDto },
    errors: ['Forbidden', 'NotFound', 'StoreUnavailable'],
    handle: ({ actor, body }) => useCases.setAvailability.execute(body, actor).pipe(Effect.map((u) => ok(userJson(u)))),
  }),
];
