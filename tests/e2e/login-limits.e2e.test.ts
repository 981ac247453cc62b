import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpApp, uniqueEmail, type HttpTestEnv, type Staff } from '../support/http-app.ts';

let env: HttpTestEnv;
let admin: Staff;

beforeAll(async () => {
  env = await startHttpApp({
    env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_ADDRESS: '8', LOGIN_FAILURE_WINDOW_SECONDS: '2', TRUST_PROXY: '1' },
  });
  admin = (await env.tenant()).admin;
});
afterAll(() => env.close());

const from = (address: string) => ({ 'x-forwarded-for': `10.9.9.9, ${address}` });
const attempt = (email: string, password: string, address: string) =>
  env.request('POST', '/api/login', { body: { email, password }, headers: from(address) });

describe('failed-login limits', () => {
  it('blocks an account after its failures, the right password included, until the window passes', async () => {
    const agent = await env.staff(admin, 'agent');
    for (let i = 0; i < 3; i++) expect((await attempt(agent.email.toUpperCase(), 'wrong-pass', `10.0.0.${i}`)).status).toBe(401);
    const blocked = await attempt(agent.email, agent.password, '10.0.0.50');
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('rate_limited');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 2100));
    expect((await attempt(agent.email, agent.password, '10.0.0.51')).status).toBe(200);
  });

  it('counts neither 422 answers nor 429 answers, and a success resets the account', async () => {
    const agent = await env.staff(admin, 'agent');
    for (let i = 0; i < 5; i++) {
      expect((await env.request('POST', '/api/login', { body: { email: agent.email }, headers: from('10.1.0.1') })).status).toBe(422);
    }
    for (let i = 0; i < 2; i++) expect((await attempt(agent.email, 'wrong-pass', '10.1.0.2')).status).toBe(401);
    expect((await attempt(agent.email, agent.password, '10.1.0.3')).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await attempt(agent.email, 'wrong-pass', '10.1.0.4')).status).toBe(401);
    expect((await attempt(agent.email, agent.password, '10.1.0.5')).status).toBe(200);
  });

  it('limits one client address across accounts, unknown emails counted the same', async () => {
    for (let i = 0; i < 8; i++) expect((await attempt(uniqueEmail('nobody'), 'wrong-pass', '10.2.0.1')).status).toBe(401);
    const res = await attempt(admin.email, admin.password, '10.2.0.1');
    expect(res.status).toBe(429);
    expect((await attempt(admin.email, admin.password, '10.2.0.2')).status).toBe(200);
  });
});
