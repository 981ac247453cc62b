import type { Stored } from '../shared/errors.ts';
import type { RefreshToken } from './refresh-token.ts';

/** Refresh tokens, stored by the hash of their value. */
export interface RefreshTokenRepository {
  /** Stores a newly issued token. */
  insert(token: RefreshToken): Stored<void>;
  /** The token stored under this hash, or null. */
  findByHash(tokenHash: string): Stored<RefreshToken | null>;
  /** Atomically marks the token spent if it is neither spent nor revoked; true only for the one caller that did. */
  spend(tokenHash: string, at: Date): Stored<boolean>;
  /** Revokes every token descended from the same login. */
  revokeFamily(familyId: string, at: Date): Stored<void>;
  /** Revokes every token of the user (deactivation, password change). */
  revokeAllOfUser(tenantId: string, userId: string, at: Date): Stored<void>;
}
