import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryRateCounter } from '../../../adapters/memory/memory-rate-counter.ts';
import { MemoryUnitOfWork } from '../../../adapters/memory/memory-unit-of-work.ts';
import { openLimiterStore } from '../../../apps/shared/limiters.ts';
import { breakableLimits, createTenant, freshAddress, startApi, unknownEmail, type ApiProcess } from './limits-harness.ts';

describe('a counter store that fails', () => {
  let uow: MemoryUnitOfWork;
  let limits: ReturnType<typeof breakableLimits>;
  let api: ApiProcess;

  beforeEach(async () => {
    uow = new MemoryUnitOfWork();
    limits = breakableLimits(true);
    api = await startApi({ uow, limits });
  });
  afterEach(() => api.close());

  it('answers a login 503 unavailable when the attempt cannot be counted, even with the right password', async () => {
    const admin = await createTenant(uow);
    limits.failing.add('take');
    const res = await api.login(admin.email, admin.password, freshAddress());
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('unavailable');
    expect(res.body.access_token).toBeUndefined();
  });

  it('answers a wrong password 503, not 401, when the attempt cannot be counted', async () => {
    limits.failing.add('take');
    const res = await api.login(unknownEmail(), 'wrong-password-1', freshAddress());
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('unavailable');
  });

  it('answers a successful login 503 when the account cannot be reset', async () => {
    const admin = await createTenant(uow);
    limits.failing.add('clear');
    const res = await api.login(admin.email, admin.password, freshAddress());
    expect(res.status).toBe(503);
    expect(res.body.access_token).toBeUndefined();
  });

  it('answers a signed channel webhook 503 with no effect when its count cannot be taken', async () => {
    const admin = await createTenant(uow);
    const login = await api.login(admin.email, admin.password, freshAddress());
    const token: string = login.body.access_token;
    const channel = (await api.request('POST', '/api/channels', { token, body: { name: 'Web form' } })).body;
    limits.failing.add('take');
    const res = await api.webhook(channel, { customer_external_id: 'c-1', message: 'hello' });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('unavailable');
    limits.failing.clear();
    const tickets = await api.request('GET', '/api/tickets', { token });
    expect(tickets.body.data).toEqual([]);
    // The refused request was not kept in this process's window either: the limit (4) is still whole.
    for (let i = 0; i < 4; i++) expect((await api.webhook(channel, { customer_external_id: 'c-1', message: `m${i}` })).status).toBe(202);
    expect((await api.webhook(channel, { customer_external_id: 'c-1', message: 'one more' })).status).toBe(429);
  });
});

describe('the limiter store for DATABASE_URL', () => {
  it('keeps counters in memory for SQLite and memory: (single process)', async () => {
    for (const url of ['sqlite:./data/never-opened.db', 'memory:']) {
      const store = await openLimiterStore(url);
      expect(store.kind).toBe('memory');
      expect(store.shared).toBe(false);
      expect(store.counter).toBeInstanceOf(MemoryRateCounter);
      await store.close();
    }
  });

  it('refuses a URL it cannot read', async () => {
    await expect(openLimiterStore('mysql://root@localhost/not a name')).rejects.toThrow(/DATABASE_URL/);
  });

  it('fails at start when the MySQL server does not answer', async () => {
    await expect(openLimiterStore('mysql://root@127.0.0.1:1/switchboard', { connectTimeoutMs: 500 })).rejects.toThrow();
  });
});
