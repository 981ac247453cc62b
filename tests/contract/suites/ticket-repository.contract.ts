import { Effect } from 'effect';
import { v7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../../core/shared/page.ts';
import type { Store } from '../../../core/shared/unit-of-work.port.ts';
import type { Ticket } from '../../../core/tickets/ticket.ts';
import type { TicketFilter } from '../../../core/tickets/ticket.port.ts';
import { aCustomer, aStaffUser, aTenant, aTicket } from '../../support/ticket-builders.ts';
import type { ContractEnv, ContractEnvFactory } from '../contract-env.ts';

const at = (ms: number) => new Date(Date.UTC(2026, 10, 21, 8, 0, 0, ms));

export const ticketRepositoryContract = (makeEnv: ContractEnvFactory): void => {
  describe('TicketRepository contract', () => {
    let env: ContractEnv;
    beforeAll(async () => {
      env = await makeEnv();
    });
    afterAll(async () => {
      await env.close();
    });

    const write = <A, E>(work: (store: Store) => Effect.Effect<A, E>) => Effect.runPromise(env.uow.transaction(work));
    const read = <A, E>(work: (store: Store) => Effect.Effect<A, E>) => Effect.runPromise(env.uow.read(work));
    const insert = (ticket: Ticket) => write((s) => s.tickets.insert(ticket));
    const get = (tenantId: string, id: string) => read((s) => s.tickets.get(tenantId, id));

    /** A fresh tenant with two agents, two customers and a channel (the rows tickets refer to). */
    const newTenant = async () => {
      const tenant = aTenant().build();
      const agents = [aStaffUser(tenant.id).build(), aStaffUser(tenant.id).build()] as const;
      const customers = [aCustomer(tenant.id).build(), aCustomer(tenant.id).build()] as const;
      const channel = { id: v7(), tenantId: tenant.id, name: 'Web form', key: `key-${v7()}`, secret: `secret-${v7()}`, createdAt: at(0) };
      await write((s) =>
        Effect.gen(function* () {
          yield* s.tenants.insert(tenant);
          for (const a of agents) yield* s.users.insert(a);
          for (const c of customers) yield* s.customers.insert(c);
          yield* s.channels.insert(channel);
        }),
      );
      const ticket = (customer = customers[0]) => aTicket(tenant.id, customer.id);
      return { tenantId: tenant.id, agents, customers, channelId: channel.id, ticket };
    };
    type World = Awaited<ReturnType<typeof newTenant>>;

    const listAll = async (tenantId: string, filter: TicketFilter, limit = 100, between?: () => Promise<void>): Promise<string[]> => {
      const ids: string[] = [];
      let after: string | null = null;
      do {
        const page: Page<Ticket> = await read((s) => s.tickets.list(tenantId, filter, { limit, after }));
        expect(page.items.length).toBeLessThanOrEqual(limit);
        ids.push(...page.items.map((t) => t.id));
        after = page.next;
        await between?.();
      } while (after !== null);
      return ids;
    };

    it('stores a ticket and gets it back exactly, 4-byte characters and every field included', async () => {
      const w = await newTenant();
      const ticket = w.ticket().titled('Printer 🔥 on fire 𝄞', '💬'.repeat(10_000)).withPriority('high').queuedAt(at(7)).createdAt(at(5)).build();
      await insert(ticket);
      expect(await get(w.tenantId, ticket.id)).toEqual(ticket);
      const assigned = w.ticket().assignedTo(w.agents[0].id).withStatus('in_progress').onChannel('webhook', w.channelId).build();
      await insert(assigned);
      expect(await get(w.tenantId, assigned.id)).toEqual(assigned);
    });

    it('answers null for a missing id and for another tenant’s ticket, with or without forUpdate', async () => {
      const [w, other] = [await newTenant(), await newTenant()];
      const ticket = w.ticket().build();
      await insert(ticket);
      expect(await get(w.tenantId, 'no-such-ticket')).toBeNull();
      expect(await get(other.tenantId, ticket.id)).toBeNull();
      expect(await write((s) => s.tickets.get(other.tenantId, ticket.id, { forUpdate: true }))).toBeNull();
      expect(await write((s) => s.tickets.get(w.tenantId, ticket.id, { forUpdate: true }))).toEqual(ticket);
    });

    it('updates a ticket read for update', async () => {
      const w = await newTenant();
      const ticket = w.ticket().queuedAt(at(1)).build();
      await insert(ticket);
      const changed: Ticket = { ...ticket, status: 'in_progress', assignedAgentId: w.agents[1].id, queuedAt: null, priority: 'low', updatedAt: at(9) };
      await write((s) => Effect.andThen(s.tickets.get(w.tenantId, ticket.id, { forUpdate: true }), () => s.tickets.update(changed)));
      expect(await get(w.tenantId, ticket.id)).toEqual(changed);
    });

    it('lists newest first (created_at, then id, descending), only the tenant’s tickets', async () => {
      const [w, other] = [await newTenant(), await newTenant()];
      const older = w.ticket().createdAt(at(1)).build();
      const sameA = w.ticket().createdAt(at(2)).build();
      const sameB = w.ticket().createdAt(at(2)).build();
      for (const t of [sameB, older, sameA]) await insert(t);
      await insert(other.ticket().createdAt(at(3)).build());
      const [first, second] = [sameA.id, sameB.id].sort().reverse();
      expect(await listAll(w.tenantId, {})).toEqual([first, second, older.id]);
    });

    it('applies each filter, "none" for unassigned, and their combination', async () => {
      const w: World = await newTenant();
      const [agentA, agentB] = w.agents;
      const a = w.ticket().createdAt(at(1)).assignedTo(agentA.id).withPriority('high').build();
      const b = w.ticket().createdAt(at(2)).withStatus('resolved').build();
      const c = w.ticket().createdAt(at(3)).assignedTo(agentB.id).withPriority('low').withStatus('in_progress').build();
      const d = w.ticket(w.customers[1]).createdAt(at(4)).assignedTo(agentA.id).build();
      for (const t of [a, b, c, d]) await insert(t);
      expect(await listAll(w.tenantId, { status: 'resolved' })).toEqual([b.id]);
      expect(await listAll(w.tenantId, { status: 'in_progress' })).toEqual([c.id]);
      expect(await listAll(w.tenantId, { assignedAgentId: agentA.id })).toEqual([d.id, a.id]);
      expect(await listAll(w.tenantId, { assignedAgentId: 'none' })).toEqual([b.id]);
      expect(await listAll(w.tenantId, { priority: 'low' })).toEqual([c.id]);
      expect(await listAll(w.tenantId, { customerId: w.customers[1].id })).toEqual([d.id]);
      expect(await listAll(w.tenantId, { assignedAgentId: agentA.id, priority: 'medium', status: 'open' })).toEqual([d.id]);
      expect(await listAll(w.tenantId, { assignedAgentId: agentB.id, status: 'open' })).toEqual([]);
    });

    it('pages through every ticket exactly once while tickets are added', async () => {
      const w = await newTenant();
      const existing: Ticket[] = [];
      for (let i = 0; i < 8; i += 1) existing.push(w.ticket().createdAt(at(100 + i)).build());
      for (const t of existing) await insert(t);
      let added = 0;
      const seen = await listAll(w.tenantId, { status: 'open' }, 3, async () => {
        await insert(w.ticket().createdAt(at(900 + added++)).build());
      });
      expect(seen).toEqual([...existing].reverse().map((t) => t.id));
      expect(added).toBeGreaterThan(1);
    });

    it('finds the customer’s active ticket on a channel, ignoring resolved, closed, other channels and customers', async () => {
      const w = await newTenant();
      const [customer, otherCustomer] = w.customers;
      expect(await read((s) => s.tickets.findActiveForCustomer(w.tenantId, w.channelId, customer.id))).toBeNull();
      for (const status of ['resolved', 'closed'] as const) await insert(w.ticket().onChannel('webhook', w.channelId).withStatus(status).createdAt(at(9)).build());
      await insert(w.ticket().createdAt(at(9)).build());
      await insert(w.ticket(otherCustomer).onChannel('webhook', w.channelId).createdAt(at(9)).build());
      expect(await read((s) => s.tickets.findActiveForCustomer(w.tenantId, w.channelId, customer.id))).toBeNull();
      const active = w.ticket().onChannel('webhook', w.channelId).withStatus('in_progress').createdAt(at(1)).build();
      await insert(active);
      expect(await read((s) => s.tickets.findActiveForCustomer(w.tenantId, w.channelId, customer.id))).toEqual(active);
      const other = await newTenant();
      expect(await read((s) => s.tickets.findActiveForCustomer(other.tenantId, w.channelId, customer.id))).toBeNull();
    });

    it('finds the newest ticket of an external reference on a channel kind, within the tenant', async () => {
      const [w, other] = [await newTenant(), await newTenant()];
      const room = `room-${v7()}`;
      expect(await read((s) => s.tickets.findLatestByExternalRef(w.tenantId, 'qiscus', room))).toBeNull();
      const first = w.ticket().onChannel('qiscus', null, room).withStatus('resolved').createdAt(at(1)).build();
      const second = w.ticket().onChannel('qiscus', null, room).createdAt(at(2)).build();
      await insert(first);
      await insert(second);
      await insert(w.ticket().onChannel('qiscus', null, `room-${v7()}`).createdAt(at(3)).build());
      expect(await read((s) => s.tickets.findLatestByExternalRef(w.tenantId, 'qiscus', room))).toEqual(second);
      expect(await read((s) => s.tickets.findLatestByExternalRef(w.tenantId, 'webhook', room))).toBeNull();
      expect(await read((s) => s.tickets.findLatestByExternalRef(other.tenantId, 'qiscus', room))).toBeNull();
    });

    it('allows one active ticket per external reference (DuplicateKey tickets.external_ref); a new session after resolving is fine', async () => {
      const [w, other] = [await newTenant(), await newTenant()];
      const room = `room-${v7()}`;
      const first = w.ticket().onChannel('qiscus', null, room).createdAt(at(1)).build();
      await insert(first);
      const clash = w.ticket().onChannel('qiscus', null, room).createdAt(at(2)).build();
      const error = await Effect.runPromise(Effect.flip(env.uow.transaction((s) => s.tickets.insert(clash))));
      expect(error).toMatchObject({ _tag: 'DuplicateKey', key: 'tickets.external_ref' });
      expect(await get(w.tenantId, clash.id)).toBeNull();
      await insert(other.ticket().onChannel('qiscus', null, room).build());
      await write((s) => s.tickets.update({ ...first, status: 'resolved', updatedAt: at(3) }));
      await insert(clash);
      expect(await read((s) => s.tickets.findLatestByExternalRef(w.tenantId, 'qiscus', room))).toEqual(clash);
    });

    it('rolls an insert and an update back when their unit of work fails', async () => {
      const w = await newTenant();
      const kept = w.ticket().build();
      await insert(kept);
      const lost = w.ticket().build();
      const failing = env.uow.transaction((s) =>
        Effect.gen(function* () {
          yield* s.tickets.insert(lost);
          yield* s.tickets.update({ ...kept, status: 'closed' });
          return yield* Effect.fail('boom' as const);
        }),
      );
      await Effect.runPromise(Effect.flip(failing));
      expect(await get(w.tenantId, lost.id)).toBeNull();
      expect(await get(w.tenantId, kept.id)).toEqual(kept);
    });
  });
};
