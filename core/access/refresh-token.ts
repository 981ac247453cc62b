/** A refresh token as stored: only its SHA-256 hash, in a family that shares one absolute expiry. */
export interface RefreshToken {
  readonly tokenHash: string;
  readonly familyId: string;
  readonly tenantId: string;
  readonly userId: string;
  /** The family's absolute end, set at login and never extended by rotation. */
  readonly expiresAt: Date;
  readonly createdAt: Date;
  readonly spentAt: Date | null;
  readonly revokedAt: Date | null;
}
