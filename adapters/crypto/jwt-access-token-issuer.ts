import { createSecretKey, randomUUID, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { AccessClaims, AccessTokenIssuer, VerifiedAccess } from '../../core/access/credentials.port.ts';
import { roles, type Role } from '../../core/access/user.ts';

export const jwtIssuer = 'switchboard';
export const jwtAudience = 'switchboard-api';
export const jwtMinimumSecretBytes = 32;
export const jwtMaximumLeewaySeconds = 30;

export interface JwtSettings {
  /** JWT_SECRET; its UTF-8 bytes are the HS256 key. */
  readonly secret: string;
  readonly ttlSeconds: number;
  readonly leewaySeconds?: number;
}

/** HS256 access tokens: algorithm pinned, iss/aud checked, exp required, at most 30 s of clock leeway. */
export class JwtAccessTokenIssuer implements AccessTokenIssuer {
  // A KeyObject, not a Buffer: with a Buffer jsonwebtoken tries createPublicKey() and catches its throw on every verify.
  readonly #key: KeyObject;
  readonly #ttl: number;
  readonly #leeway: number;

  constructor(settings: JwtSettings) {
    const key = Buffer.from(settings.secret, 'utf8');
    if (key.length < jwtMinimumSecretBytes) throw new RangeError(`JWT secret must be at least ${jwtMinimumSecretBytes} bytes`);
    if (!Number.isInteger(settings.ttlSeconds) || settings.ttlSeconds <= 0) throw new RangeError('ttlSeconds must be a positive integer');
    const leeway = settings.leewaySeconds ?? jwtMaximumLeewaySeconds;
    if (leeway < 0 || leeway > jwtMaximumLeewaySeconds) throw new RangeError(`leeway must be 0..${jwtMaximumLeewaySeconds} s`);
    this.#key = createSecretKey(key);
    this.#ttl = settings.ttlSeconds;
    this.#leeway = leeway;
  }

  /** An HS256 JWT for the claims, expiring after the configured lifetime. */
  issue(claims: AccessClaims, now: Date): { readonly token: string; readonly expiresIn: number } {
    const iat = Math.floor(now.getTime() / 1000);
    const token = jwt.sign({ tid: claims.tenantId, role: claims.role, iat, exp: iat + this.#ttl }, this.#key, {
      algorithm: 'HS256',
      subject: claims.userId,
      issuer: jwtIssuer,
      audience: jwtAudience,
      jwtid: randomUUID(),
    });
    return { token, expiresIn: this.#ttl };
  }

  verify(token: string, now: Date): VerifiedAccess | null {
    const clock = Math.floor(now.getTime() / 1000);
    let payload: unknown;
    try {
      payload = jwt.verify(token, this.#key, {
        algorithms: ['HS256'],
        issuer: jwtIssuer,
        audience: jwtAudience,
        clockTolerance: this.#leeway,
        clockTimestamp: clock,
      });
    } catch {
      return null;
    }
    return this.#claimsOf(payload, clock);
  }

  // jsonwebtoken accepts a token without exp, so the required claims are checked here.
  #claimsOf(payload: unknown, clock: number): VerifiedAccess | null {
    if (typeof payload !== 'object' || payload === null) return null;
    const p = payload as Record<string, unknown>;
    const text = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
    if (typeof p['exp'] !== 'number' || typeof p['iat'] !== 'number' || p['iat'] > clock + this.#leeway) return null;
    if (!text(p['sub']) || !text(p['tid']) || !text(p['jti']) || !roles.includes(p['role'] as Role)) return null;
    return { userId: p['sub'], tenantId: p['tid'], role: p['role'] as Role, expiresAt: new Date(p['exp'] * 1000) };
  }
}
