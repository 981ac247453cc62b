import type { Effect } from 'effect';
import type { Role } from './user.ts';

/** Password hashing (argon2id in the shipped adapter). */
export interface PasswordHasher {
  /** The password's salted hash, to store. */
  hash(password: string): Effect.Effect<string>;
  /** Whether the password matches the stored hash. */
  verify(hash: string, password: string): Effect.Effect<boolean>;
  /** Verifies against a fixed dummy hash, so an unknown email costs as much time as a wrong password. */
  burn(password: string): Effect.Effect<void>;
}

/** What an access token says about its bearer. */
export interface AccessClaims {
  readonly userId: string;
  readonly tenantId: string;
  readonly role: Role;
}

/** A valid token's claims and, when the issuer says, the moment it runs out (a live-event stream ends then). */
export interface VerifiedAccess extends AccessClaims {
  readonly expiresAt?: Date;
}

/** Short-lived signed access tokens (HS256 JWT in the shipped adapter). */
export interface AccessTokenIssuer {
  /** A signed token for the claims, and its lifetime in seconds. */
  issue(claims: AccessClaims, now: Date): { readonly token: string; readonly expiresIn: number };
  /** null for anything that is not a valid, unexpired token of ours. */
  verify(token: string, now: Date): VerifiedAccess | null;
}

/** Opaque refresh tokens: ≥ 32 random bytes, and the hash they are stored under. */
export interface RefreshTokenFactory {
  /** A new random token (given to the client) and its hash (stored). */
  create(): { readonly token: string; readonly tokenHash: string };
  /** The hash a presented token is looked up by. */
  hash(token: string): string;
  readonly ttlSeconds: number;
}
