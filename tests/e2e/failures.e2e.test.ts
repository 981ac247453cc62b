import { Effect } from 'effect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryUnitOfWork } from '../../adapters/memory/memory-unit-of-work.ts';
import { StoreUnavailable } from '../../core/shared/errors.ts';
import type { Store, UnitOfWork } from '../../core/shared/unit-of-work.port.ts';
import { startHttpApp, type HttpTestEnv, type Staff } from '../support/http-app.ts';

/** A store that can be told to stop answering, or to break with a bug, after setup. */
class SwitchableUnitOfWork implements UnitOfWork {
  mode: 'ok' | 'down' | 'bug' = 'ok';
  readonly #inner = new MemoryUnitOfWork();
  #guard<A, E>(run: () => Effect.Effect<A, E | StoreUnavailable>): Effect.Effect<A, E | StoreUnavailable> {
    if (this.mode === 'down') return Effect.fail(new StoreUnavailable({ cause: new Error('connect ECONNREFUSED 10.0.0.1:3306') }));
    if (this.mode === 'bug') return Effect.die(new Error('SELECT * FROM secret_table at /srv/app/internal.ts:42'));
    return run();
  }
  transaction<A, E>(work: (store: Store) => Effect.Effect<A, E>) {
    return this.#guard(() => this.#inner.transaction(work));
  }
  exclusive<A, E>(tenantId: string, work: (store: Store) => Effect.Effect<A, E>) {
    return this.#guard(() => this.#inner.exclusive(tenantId, work));
  }
  read<A, E>(work: (store: Store) => Effect.Effect<A, E>) {
    return this.#guard(() => this.#inner.read(work));
  }
}

const uow = new SwitchableUnitOfWork();
let env: HttpTestEnv;
let admin: Staff;

beforeAll(async () => {
  env = await startHttpApp({ makeStore: async () => ({ uow, close: async () => {} }) });
  admin = (await env.tenant()).admin;
});
afterAll(() => env.close());

describe('infrastructure failures', () => {
  it('answers 503 unavailable when the store does not answer, and /readyz turns 503', async () => {
    uow.mode = 'down';
    const res = await env.request('GET', '/api/customers', { token: admin.token });
    const ready = await env.request('GET', '/readyz');
    uow.mode = 'ok';
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('unavailable');
    expect(JSON.stringify(res.body)).not.toContain('ECONNREFUSED');
    expect(ready.status).toBe(503);
    expect((await env.request('GET', '/readyz')).status).toBe(200);
  });

  it('answers a bug with 500 internal_error, no internals in the body, logged with the request id', async () => {
    uow.mode = 'bug';
    const res = await env.request('GET', '/api/customers', { token: admin.token, headers: { 'x-request-id': 'bug-1' } });
    uow.mode = 'ok';
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'internal_error', message: expect.any(String) } });
    expect(JSON.stringify(res.body)).not.toMatch(/SELECT|secret_table|\/srv|\.ts/);
    const logged = env.logs.map((l) => JSON.parse(l)).find((l) => l.requestId === 'bug-1' && l.level === 50);
    expect(JSON.stringify(logged)).toContain('secret_table');
  });
});
