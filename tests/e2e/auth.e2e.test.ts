import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpApp, uniqueEmail, type HttpTestEnv, type Staff } from '../support/http-app.ts';

let env: HttpTestEnv;
let admin: Staff;

beforeAll(async () => {
  env = await startHttpApp();
  admin = (await env.tenant()).admin;
});
afterAll(() => env.close());

const me = (token: string) => env.request('GET', '/api/me', { token });

describe('login', () => {
  it('returns a bearer session and the user without a password hash', async () => {
    const res = await env.login(admin.email.toUpperCase(), admin.password);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 900, refresh_expires_in: 1_209_600 });
    expect(res.body.user).toMatchObject({ email: admin.email, role: 'admin', active: true, availability: 'offline', max_customers: null, can_login: true });
    expect(res.body.user.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(JSON.stringify(res.body)).not.toMatch(/hash|argon/i);
    const claims = jwt.verify(res.body.access_token, env.jwtSecret, { algorithms: ['HS256'] }) as jwt.JwtPayload;
    expect(claims).toMatchObject({ sub: admin.id, tid: admin.tenantId, role: 'admin', iss: 'switchboard', aud: 'switchboard-api' });
    expect(claims.jti).toEqual(expect.any(String));
  });

  it('answers the same 401 to an unknown email and a wrong password', async () => {
    const unknown = await env.login(uniqueEmail('ghost'), 'whatever-123');
    const wrong = await env.login(admin.email, 'wrong-password');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.error.code).toBe('invalid_credentials');
  });

  it('answers 422 to a malformed login body', async () => {
    const res = await env.request('POST', '/api/login', { body: { email: admin.email } });
    expect(res.status).toBe(422);
  });
});

describe('access tokens', () => {
  const claims = () => ({ sub: admin.id, tid: admin.tenantId, role: 'admin', jti: randomUUID() });
  const sign = (payload: object, options: jwt.SignOptions, key: string = env.jwtSecret) =>
    jwt.sign(payload, key, { issuer: 'switchboard', audience: 'switchboard-api', ...options });

  it('accepts a well-formed token', async () => {
    expect((await me(sign(claims(), { algorithm: 'HS256', expiresIn: 60 }))).status).toBe(200);
  });

  it.each([
    ['missing', null],
    ['garbage', 'not.a.token'],
  ])('refuses a %s token', async (_label, token) => {
    const res = token === null ? await env.request('GET', '/api/me') : await me(token);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it('refuses alg none, HS512, a tampered payload, expired, missing exp, wrong iss or aud, another key', async () => {
    const good = sign(claims(), { algorithm: 'HS256', expiresIn: 60 });
    const [header, payload, signature] = good.split('.') as [string, string, string];
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    const tamperedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'admin', tid: randomUUID() })).toString('base64url');
    const attacks = {
      none,
      hs512: sign(claims(), { algorithm: 'HS512', expiresIn: 60 }),
      tampered: `${header}.${tamperedPayload}.${signature}`,
      expired: sign({ ...claims(), exp: Math.floor(Date.now() / 1000) - 120 }, { algorithm: 'HS256' }),
      noExp: sign(claims(), { algorithm: 'HS256' }),
      wrongIss: jwt.sign(claims(), env.jwtSecret, { algorithm: 'HS256', expiresIn: 60, issuer: 'evil', audience: 'switchboard-api' }),
      wrongAud: jwt.sign(claims(), env.jwtSecret, { algorithm: 'HS256', expiresIn: 60, issuer: 'switchboard', audience: 'other' }),
      otherKey: sign(claims(), { algorithm: 'HS256', expiresIn: 60 }, 'x'.repeat(40)),
      refreshAsBearer: admin.refreshToken,
    };
    for (const [name, token] of Object.entries(attacks)) {
      const res = await me(token);
      expect(res.status, name).toBe(401);
      expect(res.body.error.code, name).toBe('unauthenticated');
    }
  });
});

describe('refresh and logout', () => {
  it('rotates the refresh token, and a reused one revokes the whole family', async () => {
    const session = (await env.login(admin.email, admin.password)).body;
    const first = await env.request('POST', '/api/refresh-token', { body: { refresh_token: session.refresh_token } });
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).not.toBe(session.refresh_token);
    expect(first.body.refresh_expires_in).toBeLessThanOrEqual(session.refresh_expires_in);
    expect((await me(first.body.access_token)).status).toBe(200);

    const reuse = await env.request('POST', '/api/refresh-token', { body: { refresh_token: session.refresh_token } });
    expect(reuse.status).toBe(401);
    expect(reuse.body.error.code).toBe('invalid_refresh_token');
    const descendant = await env.request('POST', '/api/refresh-token', { body: { refresh_token: first.body.refresh_token } });
    expect(descendant.status).toBe(401);
  });

  it('gives at most one success to parallel refreshes of one token', async () => {
    const session = (await env.login(admin.email, admin.password)).body;
    const results = await Promise.all(
      Array.from({ length: 10 }, () => env.request('POST', '/api/refresh-token', { body: { refresh_token: session.refresh_token } })),
    );
    expect(results.filter((r) => r.status === 200).length).toBeLessThanOrEqual(1);
  });

  it('logs out with 204, also for unknown tokens, and the family is gone', async () => {
    const session = (await env.login(admin.email, admin.password)).body;
    expect((await env.request('POST', '/api/logout', { body: { refresh_token: session.refresh_token } })).status).toBe(204);
    expect((await env.request('POST', '/api/logout', { body: { refresh_token: session.refresh_token } })).status).toBe(204);
    expect((await env.request('POST', '/api/logout', { body: { refresh_token: 'never-issued' } })).status).toBe(204);
    const after = await env.request('POST', '/api/refresh-token', { body: { refresh_token: session.refresh_token } });
    expect(after.status).toBe(401);
  });

  it('answers 401 invalid_refresh_token to an unknown token', async () => {
    const res = await env.request('POST', '/api/refresh-token', { body: { refresh_token: 'unknown' } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_refresh_token');
  });
});

describe('deactivation and password changes', () => {
  it('stops a deactivated user at once: access token, refresh token and login', async () => {
    const agent = await env.staff(admin, 'agent');
    expect((await me(agent.token)).status).toBe(200);
    const off = await env.request('PATCH', `/api/users/${agent.id}`, { token: admin.token, body: { active: false } });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await me(agent.token)).status).toBe(401);
    expect((await env.request('POST', '/api/refresh-token', { body: { refresh_token: agent.refreshToken } })).status).toBe(401);
    const login = await env.login(agent.email, agent.password);
    expect(login.status).toBe(401);
    expect(login.body.error.code).toBe('invalid_credentials');
    const on = await env.request('PATCH', `/api/users/${agent.id}`, { token: admin.token, body: { active: true } });
    expect(on.status).toBe(200);
    expect((await env.login(agent.email, agent.password)).status).toBe(200);
  });

  it('revokes refresh tokens when a password is set; the new password works', async () => {
    const agent = await env.staff(admin, 'agent');
    const res = await env.request('PATCH', `/api/users/${agent.id}`, { token: admin.token, body: { password: 'brand-new-pass-😀' } });
    expect(res.status).toBe(200);
    expect((await env.request('POST', '/api/refresh-token', { body: { refresh_token: agent.refreshToken } })).status).toBe(401);
    expect((await env.login(agent.email, agent.password)).status).toBe(401);
    expect((await env.login(agent.email, 'brand-new-pass-😀')).status).toBe(200);
  });
});

describe('availability', () => {
  it('lets any staff user set their own availability', async () => {
    const agent = await env.staff(admin, 'agent');
    const res = await env.request('PATCH', '/api/me/availability', { token: agent.token, body: { availability: 'online', role: 'admin' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: agent.id, availability: 'online', role: 'agent' });
    expect((await env.request('PATCH', '/api/me/availability', { token: agent.token, body: { availability: 'away' } })).status).toBe(422);
  });
});
