import { Effect } from 'effect';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SwitchboardDatabase } from '../../../adapters/mikro-orm/open-database.ts';
import { aRefreshToken } from '../../support/access-builders.ts';
import { aCustomer, aMessage, aStaffUser, aTenant, aTicket } from '../../support/ticket-builders.ts';
import { inTransaction, mysqlOnly, reading } from './persistence-env.ts';

// Row locks only mean something on MariaDB/MySQL; two pools stand for two processes.
mysqlOnly('MikroORM store under concurrency on MariaDB/MySQL', (env) => {
  let a: SwitchboardDatabase;
  let b: SwitchboardDatabase;
  beforeAll(async () => {
    await env.setup();
    [a, b] = await Promise.all([env.open(), env.open()]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await env.teardown();
  });
  const pool = (i: number) => (i % 2 === 0 ? a : b);

  // Finding 7: statement batches only on the pipelined transaction's own pool (batch-pool.ts).
  it('the ORM pool refuses two statements in one query; transactions still batch BEGIN … COMMIT', async () => {
    const connection = a.orm.em.getConnection();
    await expect(connection.execute('select 1 as one')).resolves.toEqual([{ one: 1 }]);
    await expect(connection.execute('select 1; select 2')).rejects.toThrow(/syntax/i);
    const tenant = aTenant().build();
    await inTransaction(a, (store) => store.tenants.insert(tenant));
    expect(await reading(b, (store) => store.tenants.get(tenant.id))).toMatchObject({ id: tenant.id });
  });

  it('lets exactly one of 20 parallel refreshes spend a token', async () => {
    const tenant = aTenant().build();
    const user = aStaffUser(tenant.id).build();
    const token = aRefreshToken().of(user).build();
    await inTransaction(a, (store) => Effect.andThen(store.users.insert(user), store.refreshTokens.insert(token)));
    const spent = await Promise.all(
      Array.from({ length: 20 }, (_, i) => inTransaction(pool(i), (store) => store.refreshTokens.spend(token.tokenHash, new Date()))),
    );
    expect(spent.filter(Boolean)).toHaveLength(1);
  });

  it('never interleaves two exclusive sections of one tenant', async () => {
    const tenantId = aTenant().build().id;
    const log: string[] = [];
    const section = (db: SwitchboardDatabase, name: string) =>
      Effect.runPromise(
        db.uow.exclusive(tenantId, () =>
          Effect.gen(function* () {
            log.push(`${name}:in`);
            yield* Effect.sleep(150);
            log.push(`${name}:out`);
          }),
        ),
      );
    await Promise.all([section(a, 'a'), section(b, 'b'), section(a, 'c')]);
    for (let i = 0; i < log.length; i += 2) expect(log[i + 1]).toBe(log[i]?.replace(':in', ':out'));
  });

  it('runs exclusive sections of different tenants side by side', async () => {
    const log: string[] = [];
    const section = (db: SwitchboardDatabase, tenantId: string) =>
      Effect.runPromise(
        db.uow.exclusive(tenantId, () =>
          Effect.gen(function* () {
            log.push('in');
            yield* Effect.sleep(150);
            log.push('out');
          }),
        ),
      );
    await Promise.all([section(a, aTenant().build().id), section(b, aTenant().build().id)]);
    expect(log).toEqual(['in', 'in', 'out', 'out']);
  });

  it('loses no update when 50 units change one locked ticket in parallel', async () => {
    const tenant = aTenant().build();
    const customer = aCustomer(tenant.id).build();
    const ticket = aTicket(tenant.id, customer.id).titled('t').build();
    await inTransaction(a, (store) => Effect.andThen(store.customers.insert(customer), store.tickets.insert(ticket)));
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        inTransaction(pool(i), (store) =>
          Effect.gen(function* () {
            const current = yield* store.tickets.get(tenant.id, ticket.id, { forUpdate: true });
            if (current === null) return yield* Effect.die('ticket vanished');
            const status = current.status === 'open' ? 'in_progress' : 'open';
            yield* store.tickets.update({ ...current, status, title: `${current.title}x` });
            yield* store.messages.append(aMessage(current).saying(`change ${i}`).build());
          }),
        ),
      ),
    );
    const after = await reading(a, (store) => Effect.all([store.tickets.get(tenant.id, ticket.id), store.messages.list(tenant.id, ticket.id, { limit: 100, after: null })]));
    expect(after[0]?.title).toBe(`t${'x'.repeat(50)}`);
    expect(after[0]?.status).toBe('open');
    expect(after[1].items.map((m) => m.sequence)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('retries a unit that lost a deadlock, so both writers finish', async () => {
    const tenant = aTenant().build();
    const customer = aCustomer(tenant.id).build();
    const [x, y] = [aTicket(tenant.id, customer.id).build(), aTicket(tenant.id, customer.id).build()];
    await inTransaction(a, (store) => Effect.all([store.customers.insert(customer), store.tickets.insert(x), store.tickets.insert(y)]));
    let attempts = 0;
    const crosswise = (db: SwitchboardDatabase, first: string, second: string, title: string) =>
      inTransaction(db, (store) =>
        Effect.gen(function* () {
          attempts += 1;
          const one = yield* store.tickets.get(tenant.id, first, { forUpdate: true });
          yield* Effect.sleep(100);
          const two = yield* store.tickets.get(tenant.id, second, { forUpdate: true });
          if (one === null || two === null) return yield* Effect.die('missing ticket');
          yield* store.tickets.update({ ...one, title });
          yield* store.tickets.update({ ...two, title });
        }),
      );
    await Promise.all([crosswise(a, x.id, y.id, 'by a'), crosswise(b, y.id, x.id, 'by b')]);
    expect(attempts).toBeGreaterThanOrEqual(3);
    const titles = await reading(a, (store) => Effect.all([store.tickets.get(tenant.id, x.id), store.tickets.get(tenant.id, y.id)]));
    expect(titles[0]?.title).toBe(titles[1]?.title);
  });
});
