import { Effect } from 'effect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SwitchboardDatabase } from '../../../adapters/mikro-orm/open-database.ts';
import { openFreshSqlite } from '../../support/databases.ts';
import { aCustomer, aTenant } from '../../support/ticket-builders.ts';

describe('MikroORM store on SQLite (the embedded default)', () => {
  let db: SwitchboardDatabase;
  beforeAll(async () => {
    db = await openFreshSqlite();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('runs concurrent exclusive sections of a tenant one after another', async () => {
    const tenantId = aTenant().build().id;
    const log: string[] = [];
    const section = (name: string) =>
      Effect.runPromise(
        db.uow.exclusive(tenantId, (store) =>
          Effect.gen(function* () {
            log.push(`${name}:in`);
            yield* store.customers.insert(aCustomer(tenantId).build());
            yield* Effect.sleep(30);
            log.push(`${name}:out`);
          }),
        ),
      );
    await Promise.all(['a', 'b', 'c'].map(section));
    expect(log).toHaveLength(6);
    for (let i = 0; i < log.length; i += 2) expect(log[i + 1]).toBe(log[i]?.replace(':in', ':out'));
  });

  it('answers a readiness ping', async () => {
    expect(await db.ping()).toBe(true);
  });
});
