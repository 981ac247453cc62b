import { describe, expect, it } from 'vitest';
import { ApiClient, type Fetch } from '../../../apps/console/src/lib/api-client.ts';
import { ApiError, toApiError } from '../../../apps/console/src/lib/api-error.ts';

const json = (status: number, body: unknown) => new Response(body === null ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const unauthenticated = () => json(401, { error: { code: 'unauthenticated', message: 'Token expired.' } });
const session = (n: number) => ({ access_token: `access-${n}`, token_type: 'Bearer', expires_in: 900, refresh_token: `refresh-${n}`, refresh_expires_in: 1000, user: { id: 'u1', name: 'Ana' } });

/** A fake API: access tokens in `valid` work; each refresh token works once. */
const fakeApi = () => {
  const valid = new Set<string>();
  const refreshable = new Set<string>();
  const calls: string[] = [];
  let issued = 0;
  const issue = () => {
    issued++;
    valid.add(`access-${issued}`);
    refreshable.add(`refresh-${issued}`);
    return session(issued);
  };
  const fetch: Fetch = async (path, init = {}) => {
    const body = init.body === undefined ? {} : JSON.parse(String(init.body));
    calls.push(`${init.method} ${path}`);
    if (path === '/api/login') return body.password === 'right' ? json(200, issue()) : json(401, { error: { code: 'invalid_credentials', message: 'Wrong email or password.' } });
    if (path === '/api/refresh-token') {
      if (!refreshable.delete(body.refresh_token)) return json(401, { error: { code: 'invalid_refresh_token', message: 'Spent.' } });
      return json(200, issue());
    }
    if (path === '/api/logout') return json(204, null);
    const token = String((init.headers as Record<string, string>).authorization ?? '').replace('Bearer ', '');
    return valid.has(token) ? json(200, { ok: token }) : unauthenticated();
  };
  return { fetch, valid, refreshable, calls };
};

const memoryStore = () => {
  let kept: string | null = null;
  return { get: () => kept, set: (token: string | null) => void (kept = token) };
};

describe('the console API client', () => {
  it('logs in, keeps only the refresh token in the store, and sends the access token', async () => {
    const api = fakeApi();
    const store = memoryStore();
    const client = new ApiClient({ fetch: api.fetch, store, onSessionEnded: () => {} });
    expect((await client.login('ana@x', 'right')).name).toBe('Ana');
    expect(store.get()).toBe('refresh-1');
    expect(await client.get('/api/me')).toEqual({ ok: 'access-1' });
  });

  it('renews an expired access token once for concurrent requests, rotating the refresh token', async () => {
    const api = fakeApi();
    const store = memoryStore();
    const client = new ApiClient({ fetch: api.fetch, store, onSessionEnded: () => {} });
    await client.login('ana@x', 'right');
    api.valid.clear();
    const answers = await Promise.all([client.get('/api/a'), client.get('/api/b'), client.get('/api/c')]);
    expect(answers).toEqual([{ ok: 'access-2' }, { ok: 'access-2' }, { ok: 'access-2' }]);
    expect(api.calls.filter((c) => c.endsWith('/api/refresh-token'))).toHaveLength(1);
    expect(store.get()).toBe('refresh-2');
  });

  it('ends the session once when the refresh token is refused', async () => {
    const api = fakeApi();
    const store = memoryStore();
    let ended = 0;
    const client = new ApiClient({ fetch: api.fetch, store, onSessionEnded: () => ended++ });
    await client.login('ana@x', 'right');
    api.valid.clear();
    api.refreshable.clear();
    await expect(client.get('/api/a')).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(ended).toBe(1);
    expect(store.get()).toBeNull();
    expect(client.signedIn).toBe(false);
  });

  it('resumes after a reload from the kept refresh token', async () => {
    const api = fakeApi();
    const store = memoryStore();
    await new ApiClient({ fetch: api.fetch, store, onSessionEnded: () => {} }).login('ana@x', 'right');
    const reloaded = new ApiClient({ fetch: api.fetch, store, onSessionEnded: () => {} });
    expect((await reloaded.resume())?.name).toBe('Ana');
    expect(await reloaded.get('/api/me')).toEqual({ ok: 'access-2' });
    expect(await new ApiClient({ fetch: api.fetch, store: memoryStore(), onSessionEnded: () => {} }).resume()).toBeNull();
  });

  it('reports a failed login as the API error, without renewing anything', async () => {
    const api = fakeApi();
    const client = new ApiClient({ fetch: api.fetch, store: memoryStore(), onSessionEnded: () => {} });
    await expect(client.login('ana@x', 'wrong')).rejects.toMatchObject({ status: 401, code: 'invalid_credentials', message: 'Wrong email or password.' });
    expect(api.calls).toEqual(['POST /api/login']);
  });

  it('logs out: forgets the tokens and revokes the refresh token', async () => {
    const api = fakeApi();
    const store = memoryStore();
    const client = new ApiClient({ fetch: api.fetch, store, onSessionEnded: () => {} });
    await client.login('ana@x', 'right');
    await client.logout();
    expect(store.get()).toBeNull();
    expect(api.calls.at(-1)).toBe('POST /api/logout');
  });

  it('turns an unreachable server into a network error', async () => {
    const client = new ApiClient({ fetch: () => Promise.reject(new TypeError('fetch failed')), store: memoryStore(), onSessionEnded: () => {} });
    await expect(client.get('/api/me')).rejects.toMatchObject({ status: 0, code: 'network' });
  });
});

describe('API error envelopes', () => {
  it('reads code, message and field details; finds a field message by path', () => {
    const error = toApiError(422, { error: { code: 'validation_failed', message: 'Invalid body.', details: [{ path: 'password', message: 'at least 8 characters' }] } });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, code: 'validation_failed', message: 'Invalid body.' });
    expect(error.forField('password')).toBe('at least 8 characters');
    expect(error.forField('email')).toBeUndefined();
  });

  it('still gives an error for a body that is not the envelope', () => {
    expect(toApiError(502, '<html>')).toMatchObject({ status: 502, code: 'http_error' });
  });
});
