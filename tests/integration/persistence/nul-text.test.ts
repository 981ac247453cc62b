import { Effect } from 'effect';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { describe, expect, it } from 'vitest';
import { StoreUnavailable } from '../../../core/shared/errors.ts';
import { aCustomer, aMessage, aStaffUser, aTenant, aTicket } from '../../support/ticket-builders.ts';
import { openFreshSqlite } from '../../support/databases.ts';
import { dialects, failureOf, inTransaction, openedFor, reading } from './persistence-env.ts';

// U+0000 next to a quote and a backslash: what an inlining driver must escape.
const withNul = "nul\u0000here ' \\ \u0000 😀\u0000";

for (const env of dialects()) {
  describe(`text with U+0000 on ${env.name}`, () => {
    const opened = openedFor(env);

    it('stores and returns U+0000 exactly, and finds rows by such values', async () => {
      const tenant = aTenant().build();
      const customer = aCustomer(tenant.id).named(withNul).withExternalId(`ext-${withNul}`).build();
      const ticket = aTicket(tenant.id, customer.id).titled(withNul, withNul).build();
      const user = { ...aStaffUser(tenant.id).build(), email: `a\u0000${crypto.randomUUID()}@example.test`, name: withNul, passwordHash: 'hash' };
      await inTransaction(opened(), (store) =>
        Effect.all([
          store.tenants.insert({ ...tenant, name: withNul }),
          store.customers.insert(customer),
          store.tickets.insert(ticket),
          store.messages.append(aMessage(ticket).saying(withNul).build()),
          store.users.insert(user),
        ]),
      );
      const [back, byExternalId, storedTicket, messages, byEmail, byLogin, nearMiss] = await reading(opened(), (store) =>
        Effect.all([
          store.tenants.get(tenant.id),
          store.customers.findByExternalId(tenant.id, `ext-${withNul}`),
          store.tickets.get(tenant.id, ticket.id),
          store.messages.list(tenant.id, ticket.id, { limit: 5, after: null }),
          store.users.findByEmail(tenant.id, user.email.toUpperCase()),
          store.users.findLoginByEmail(user.email),
          store.customers.findByExternalId(tenant.id, 'ext-nul'),
        ]),
      );
      expect(back?.name).toBe(withNul);
      expect(byExternalId?.name).toBe(withNul);
      expect(storedTicket?.title).toBe(withNul);
      expect(storedTicket?.description).toBe(withNul);
      expect(messages.items[0]?.message).toBe(withNul);
      expect(byEmail?.name).toBe(withNul);
      expect(byLogin?.email).toBe(user.email);
      expect(nearMiss).toBeNull();
    });
  });
}

describe('a store whose connection is gone', () => {
  it('fails units with StoreUnavailable (an outage), not a defect', async () => {
    const db = await openFreshSqlite();
    await (db.orm.em as unknown as SqlEntityManager).getConnection().getClient().destroy();
    try {
      const failure = await failureOf(db.uow.read((store) => store.tenants.get('t')));
      expect(failure).toBeInstanceOf(StoreUnavailable);
    } finally {
      await db.close().catch(() => {});
    }
  });
});
