import { Data } from 'effect';

/** Login failed; the same answer for an unknown email, a wrong password and a deactivated user. */
export class InvalidCredentials extends Data.TaggedError('InvalidCredentials')<{}> {}

/** The refresh token is unknown, expired, revoked, spent (reuse) or belongs to an inactive user. */
export class InvalidRefreshToken extends Data.TaggedError('InvalidRefreshToken')<{}> {}

/** The access token is missing, invalid or expired, or its user is gone, inactive or changed role. */
export class Unauthenticated extends Data.TaggedError('Unauthenticated')<{}> {}

/** The email is taken within the tenant, or by a user who can log in anywhere in the system. */
export class EmailTaken extends Data.TaggedError('EmailTaken')<{ readonly email: string }> {}
