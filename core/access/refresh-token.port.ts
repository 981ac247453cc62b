import type { Stored } from '../shared/errors.ts';
import type { RefreshToken } from './refresh-token.ts';

export interface RefreshTokenRepository {
  insert(token: RefreshToken): Stored<void>;
  findByHash(tokenHash: string): Stored<RefreshToken | null>;
  /** Atomically marks the token spent if it is neither spent nor revoked; true only for the one caller that did. */
  spend(tokenHash: string, at: Date): Stored<boolean>;
  revokeFamily(familyId: string, at: Date): Stored<void>;
  revokeAllOfUser(tenantId: string, userId: string, at: Date): Stored<void>;
}
