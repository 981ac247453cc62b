import { createHmac } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { JwtAccessTokenIssuer } from '../../../adapters/crypto/jwt-access-token-issuer.ts';
import { RandomRefreshTokenFactory } from '../../../adapters/crypto/random-refresh-token-factory.ts';
import type { AccessClaims } from '../../../core/access/credentials.port.ts';
import { accessEpoch, newId } from '../../support/access-builders.ts';

const secret = 'üñí-secret-with-more-than-32-bytes';
const issuer = new JwtAccessTokenIssuer({ secret, ttlSeconds: 900 });
const claims: AccessClaims = { userId: newId(), tenantId: newId(), role: 'agent' };
const now = accessEpoch;
const iat = Math.floor(now.getTime() / 1000);
const inSeconds = (s: number) => new Date(now.getTime() + s * 1000);
/** What a token issued at `now` verifies to: its claims and when it runs out. */
const verified = { ...claims, expiresAt: new Date((iat + 900) * 1000) };

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const goodPayload = { sub: claims.userId, tid: claims.tenantId, role: claims.role, iss: 'switchboard', aud: 'switchboard-api', iat, exp: iat + 900, jti: newId() };
/** A token built by hand: any header, any payload, HMAC-SHA256 over them with our secret. */
const forge = (header: object, payload: object, algorithm = 'sha256') => {
  const body = `${b64(header)}.${b64(payload)}`;
  return `${body}.${createHmac(algorithm, Buffer.from(secret, 'utf8')).update(body).digest('base64url')}`;
};

describe('JwtAccessTokenIssuer', () => {
  it('issues a token that verifies to the same claims, with the configured lifetime', () => {
    const { token, expiresIn } = issuer.issue(claims, now);
    expect(expiresIn).toBe(900);
    expect(issuer.verify(token, now)).toEqual(verified);
  });

  it('carries sub, tid, role, iss, aud, iat, exp and a unique jti in an HS256 header', () => {
    const first = jwt.decode(issuer.issue(claims, now).token, { complete: true });
    const second = jwt.decode(issuer.issue(claims, now).token, { json: true });
    expect(first?.header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(first?.payload).toEqual({ ...goodPayload, jti: expect.any(String) });
    expect(second?.jti).not.toBe((first?.payload as jwt.JwtPayload).jti);
  });

  it('accepts a hand-built token with every claim (the forge helper is sound)', () => {
    expect(issuer.verify(forge({ alg: 'HS256', typ: 'JWT' }, goodPayload), now)).toEqual(verified);
  });

  it('allows 30 seconds of clock leeway and no more', () => {
    const { token } = issuer.issue(claims, now);
    expect(issuer.verify(token, inSeconds(900 + 29))).toEqual(verified);
    expect(issuer.verify(token, inSeconds(900 + 31))).toBeNull();
  });

  it('refuses a token issued in the future beyond the leeway', () => {
    const { token } = issuer.issue(claims, inSeconds(120));
    expect(issuer.verify(token, now)).toBeNull();
  });

  it.each([
    ['alg none', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(goodPayload)}.`],
    ['HS512 with our secret', () => forge({ alg: 'HS512', typ: 'JWT' }, goodPayload, 'sha512')],
    ['an RS256 header over an HMAC signature', () => forge({ alg: 'RS256', typ: 'JWT' }, goodPayload)],
    ['a tampered payload', () => {
      const [header, , signature] = issuer.issue(claims, now).token.split('.');
      return `${header}.${b64({ ...goodPayload, role: 'admin' })}.${signature}`;
    }],
    ['an expired token', () => forge({ alg: 'HS256' }, { ...goodPayload, iat: iat - 2000, exp: iat - 100 })],
    ['a token without exp', () => forge({ alg: 'HS256' }, { ...goodPayload, exp: undefined })],
    ['a token without iat', () => forge({ alg: 'HS256' }, { ...goodPayload, iat: undefined })],
    ['a token without jti', () => forge({ alg: 'HS256' }, { ...goodPayload, jti: undefined })],
    ['a token without tid', () => forge({ alg: 'HS256' }, { ...goodPayload, tid: undefined })],
    ['an unknown role', () => forge({ alg: 'HS256' }, { ...goodPayload, role: 'owner' })],
    ['a wrong issuer', () => forge({ alg: 'HS256' }, { ...goodPayload, iss: 'someone-else' })],
    ['a wrong audience', () => forge({ alg: 'HS256' }, { ...goodPayload, aud: 'other-api' })],
    ['another secret', () => jwt.sign(goodPayload, 'another-secret-that-is-long-enough!!', { algorithm: 'HS256' })],
    ['a refresh token', () => new RandomRefreshTokenFactory({ ttlSeconds: 60 }).create().token],
    ['garbage', () => 'not.a.jwt'],
    ['an empty string', () => ''],
  ])('refuses %s', (_label, token) => {
    expect(issuer.verify(token(), now)).toBeNull();
  });

  it('refuses a secret under 32 bytes, counting UTF-8 bytes', () => {
    expect(() => new JwtAccessTokenIssuer({ secret: 'x'.repeat(31), ttlSeconds: 900 })).toThrow(RangeError);
    expect(() => new JwtAccessTokenIssuer({ secret: 'é'.repeat(16), ttlSeconds: 900 })).not.toThrow();
  });

  it('refuses a leeway over 30 seconds', () => {
    expect(() => new JwtAccessTokenIssuer({ secret, ttlSeconds: 900, leewaySeconds: 31 })).toThrow(RangeError);
  });
});
