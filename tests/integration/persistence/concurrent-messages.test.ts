import { Effect } from 'effect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SwitchboardDatabase } from '../../../adapters/mikro-orm/open-database.ts';
import type { Message } from '../../../core/tickets/message.ts';
import { PostMessageUseCase } from '../../../core/tickets/post-message.use-case.ts';
import { aCustomer, aStaffUser, aTenant, aTicket } from '../../support/ticket-builders.ts';
import { dialects, inTransaction, reading } from './persistence-env.ts';

// The clock and the ids are read inside the unit, after the ticket row is locked: their order is the
// order in which the appends ran, which the sequences must follow. Each attempt reads the clock once.
const orderedInputs = () => {
  let tick = 0;
  const counts = { clockReads: 0 };
  return {
    counts,
    clock: {
      now: () => {
        counts.clockReads++;
        return new Date(Date.UTC(2026, 10, 21, 8) + ++tick);
      },
    },
    ids: { next: () => `0000-${String(++tick).padStart(8, '0')}` },
  };
};

for (const env of dialects()) {
  describe(`30 concurrent PostMessage calls on one ticket (${env.name})`, () => {
    // On MariaDB/MySQL two pools stand for two API processes.
    let pools: SwitchboardDatabase[] = [];
    beforeAll(async () => {
      await env.setup();
      const first = await env.open();
      pools = env.name === 'mysql' ? [first, await env.open()] : [first];
    });
    afterAll(async () => {
      await Promise.all(pools.map((db) => db.close()));
      await env.teardown();
    });

    it('stores 30 messages with distinct, gap-free sequences in the order they were appended', async () => {
      const tenant = aTenant().build();
      const admin = aStaffUser(tenant.id).withRole('admin').build();
      const customer = aCustomer(tenant.id).build();
      const ticket = aTicket(tenant.id, customer.id).titled('Parcel lost').build();
      const [db] = pools;
      if (db === undefined) throw new Error('no store opened');
      await inTransaction(db, (store) =>
        Effect.all([store.tenants.insert(tenant), store.users.insert(admin), store.customers.insert(customer), store.tickets.insert(ticket)]),
      );
      const { counts, ...inputs } = orderedInputs();
      const actor = { userId: admin.id, tenantId: tenant.id, role: admin.role };

      const posted = await Promise.all(
        Array.from({ length: 30 }, (_, i) => {
          const useCase = new PostMessageUseCase({ uow: pools[i % pools.length]!.uow, ...inputs });
          return Effect.runPromise(useCase.execute({ ticketId: ticket.id, message: `message ${i} 📦` }, actor));
        }),
      );

      const sequences = posted.map((m) => m.sequence).sort((a, b) => a - b);
      expect(sequences).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      const stored = await reading(db, (store) => store.messages.list(tenant.id, ticket.id, { limit: 100, after: null }));
      expect(stored.items.map((m) => m.sequence)).toEqual(sequences);
      const appendOrder = [...stored.items].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      expect(stored.items.map((m) => m.id)).toEqual(appendOrder.map((m) => m.id));
      expect(stored.items.map((m) => m.id)).toEqual([...stored.items.map((m) => m.id)].sort());
      const byId = new Map<string, Message>(posted.map((m) => [m.id, m]));
      for (const message of stored.items) expect(message).toEqual(byId.get(message.id));
      // Holding the ticket row, no append ever collided with another: none was retried.
      expect(counts.clockReads).toBe(30);
    });
  });
}
