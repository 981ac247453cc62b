import type { AccessTokenIssuer } from './credentials.port.ts';
import type { User } from './user.ts';

/** What login and refresh hand back: a short-lived access token and the next refresh token of the family. */
export interface Session {
  readonly accessToken: string;
  /** Seconds until the access token expires. */
  readonly expiresIn: number;
  readonly refreshToken: string;
  /** Seconds left in the refresh family (its absolute end, never extended by rotation). */
  readonly refreshExpiresIn: number;
  readonly user: User;
}

export const secondsBetween = (from: Date, to: Date): number =>
  Math.max(0, Math.floor((to.getTime() - from.getTime()) / 1000));

export const openSession = (
  issuer: AccessTokenIssuer,
  user: User,
  refresh: { readonly token: string; readonly expiresAt: Date },
  now: Date,
): Session => {
  const access = issuer.issue({ userId: user.id, tenantId: user.tenantId, role: user.role }, now);
  return {
    accessToken: access.token,
    expiresIn: access.expiresIn,
    refreshToken: refresh.token,
    refreshExpiresIn: secondsBetween(now, refresh.expiresAt),
    user,
  };
};
