import type { Effect } from 'effect';
import type { Role } from './user.ts';

/** Password hashing (argon2id in the shipped adapter). */
export interface PasswordHasher {
  hash(password: string): Effect.Effect<string>;
  verify(hash: string, password: string): Effect.Effect<boolean>;
  /** Verifies against a fixed dummy hash, so an unknown email costs as much time as a wrong password. */
  burn(password: string): Effect.Effect<void>;
}

export interface AccessClaims {
  readonly userId: string;
  readonly tenantId: string;
  readonly role: Role;
}

/** Short-lived signed access tokens (HS256 JWT in the shipped adapter). */
export interface AccessTokenIssuer {
  issue(claims: AccessClaims, now: Date): { readonly token: string; readonly expiresIn: number };
  /** null for anything that is not a valid, unexpired token of ours. */
  verify(token: string, now: Date): AccessClaims | null;
}

/** Opaque refresh tokens: ≥ 32 random bytes, and the hash they are stored under. */
export interface RefreshTokenFactory {
  create(): { readonly token: string; readonly tokenHash: string };
  hash(token: string): string;
  readonly ttlSeconds: number;
}
