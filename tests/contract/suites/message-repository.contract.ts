import { Effect } from 'effect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../../core/shared/page.ts';
import type { Store } from '../../../core/shared/unit-of-work.port.ts';
import type { Message } from '../../../core/tickets/message.ts';
import type { Ticket } from '../../../core/tickets/ticket.ts';
import { aCustomer, aMessage, aStaffUser, aTenant, aTicket } from '../../support/ticket-builders.ts';
import type { ContractEnv, ContractEnvFactory } from '../contract-env.ts';

const sameMillisecond = new Date('2026-11-21T08:00:00.123Z');

export const messageRepositoryContract = (makeEnv: ContractEnvFactory): void => {
  describe('MessageRepository contract', () => {
    let env: ContractEnv;
    beforeAll(async () => {
      env = await makeEnv();
    });
    afterAll(async () => {
      await env.close();
    });

    const write = <A, E>(work: (store: Store) => Effect.Effect<A, E>) => Effect.runPromise(env.uow.transaction(work));
    const read = <A, E>(work: (store: Store) => Effect.Effect<A, E>) => Effect.runPromise(env.uow.read(work));

    /** A fresh tenant with an agent, a customer and two tickets. */
    const newTenant = async () => {
      const tenant = aTenant().build();
      const agent = aStaffUser(tenant.id).build();
      const customer = aCustomer(tenant.id).build();
      const tickets = [aTicket(tenant.id, customer.id).build(), aTicket(tenant.id, customer.id).build()] as const;
      await write((s) =>
        Effect.gen(function* () {
          yield* s.tenants.insert(tenant);
          yield* s.users.insert(agent);
          yield* s.customers.insert(customer);
          for (const t of tickets) yield* s.tickets.insert(t);
        }),
      );
      return { tenantId: tenant.id, agent, customer, tickets };
    };

    /** Appends like the use cases do: holding the ticket row. */
    const append = (ticket: Ticket, message: Omit<Message, 'sequence'>) =>
      write((s) => Effect.andThen(s.tickets.get(ticket.tenantId, ticket.id, { forUpdate: true }), () => s.messages.append(message)));

    const listAll = async (tenantId: string, ticketId: string, limit: number, between?: () => Promise<void>): Promise<Message[]> => {
      const all: Message[] = [];
      let after: string | null = null;
      do {
        const page: Page<Message> = await read((s) => s.messages.list(tenantId, ticketId, { limit, after }));
        expect(page.items.length).toBeLessThanOrEqual(limit);
        all.push(...page.items);
        after = page.next;
        await between?.();
      } while (after !== null);
      return all;
    };

    it('appends with the next sequence of that ticket and returns the stored message', async () => {
      const w = await newTenant();
      const [t1, t2] = w.tickets;
      const first = aMessage(t1).from('customer', w.customer.id).build();
      expect(await append(t1, first)).toEqual({ ...first, sequence: 1 });
      expect((await append(t1, aMessage(t1).from('agent', w.agent.id).build())).sequence).toBe(2);
      expect((await append(t2, aMessage(t2).build())).sequence).toBe(1);
      expect((await append(t1, aMessage(t1).from('system', null).build())).sequence).toBe(3);
    });

    it('lists a ticket’s messages oldest first, keeping insertion order within one millisecond', async () => {
      const w = await newTenant();
      const [t1, t2] = w.tickets;
      const texts = ['one', 'two', 'three', 'four', 'five'];
      for (const text of texts) await append(t1, aMessage(t1).saying(text).at(sameMillisecond).build());
      await append(t2, aMessage(t2).saying('elsewhere').build());
      const listed = await listAll(w.tenantId, t1.id, 2);
      expect(listed.map((m) => m.message)).toEqual(texts);
      expect(listed.map((m) => m.sequence)).toEqual([1, 2, 3, 4, 5]);
    });

    it('round-trips 4-byte characters and a 10000 code point message exactly', async () => {
      const w = await newTenant();
      const [t1] = w.tickets;
      const long = '𝄞😀🀄'.repeat(3333) + '👍';
      const texts = ['emoji 👩🏽‍💻🇮🇩 and 𠜎𠜱', long];
      for (const text of texts) await append(t1, aMessage(t1).saying(text).build());
      expect((await listAll(w.tenantId, t1.id, 10)).map((m) => m.message)).toEqual(texts);
    });

    it('returns every field as appended', async () => {
      const w = await newTenant();
      const [t1] = w.tickets;
      const message = aMessage(t1).from('admin', w.agent.id).saying('hi').at(new Date('2026-11-21T09:10:11.012Z')).build();
      await append(t1, message);
      expect(await listAll(w.tenantId, t1.id, 10)).toEqual([{ ...message, sequence: 1 }]);
    });

    it('pages through every message exactly once while messages are appended', async () => {
      const w = await newTenant();
      const [t1] = w.tickets;
      for (let i = 0; i < 5; i += 1) await append(t1, aMessage(t1).saying(`m${i}`).build());
      let added = 0;
      const seen = await listAll(w.tenantId, t1.id, 2, async () => {
        await append(t1, aMessage(t1).saying(`new${added++}`).build());
      });
      const texts = seen.map((m) => m.message);
      expect(new Set(texts).size).toBe(texts.length);
      expect(texts.slice(0, 5)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
      expect(texts.slice(5)).toEqual(Array.from({ length: texts.length - 5 }, (_, i) => `new${i}`));
      expect(texts.length).toBeGreaterThan(5);
    });

    it('shows nothing of a ticket to another tenant', async () => {
      const [w, other] = [await newTenant(), await newTenant()];
      const [t1] = w.tickets;
      await append(t1, aMessage(t1).build());
      expect(await listAll(other.tenantId, t1.id, 10)).toEqual([]);
    });

    it('rolls an append back when its unit of work fails, and the sequence continues without a hole', async () => {
      const w = await newTenant();
      const [t1] = w.tickets;
      await append(t1, aMessage(t1).saying('kept').build());
      await Effect.runPromise(Effect.flip(env.uow.transaction((s) => Effect.andThen(s.messages.append(aMessage(t1).saying('lost').build()), Effect.fail('boom' as const)))));
      await append(t1, aMessage(t1).saying('next').build());
      expect((await listAll(w.tenantId, t1.id, 10)).map((m) => [m.message, m.sequence])).toEqual([
        ['kept', 1],
        ['next', 2],
      ]);
    });
  });
};
