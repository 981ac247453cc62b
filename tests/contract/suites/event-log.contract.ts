import { Effect } from 'effect';
import { v7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toEnvelope } from '../../../core/events/envelope.ts';
import { messageView, ticketView } from '../../../core/events/public-views.ts';
import { domainEvent } from '../../../core/shared/events.ts';
import type { Store } from '../../../core/shared/unit-of-work.port.ts';
import type { Ticket } from '../../../core/tickets/ticket.ts';
import { aCustomer, aMessage, aStaffUser, aTenant, aTicket } from '../../support/ticket-builders.ts';
import type { ContractEnv, ContractEnvFactory } from '../contract-env.ts';

const at = new Date('2026-11-21T08:00:00.123Z');
const meta = (tenantId: string, occurredAt = at) => ({ id: v7(), tenantId, occurredAt });
const statusChanged = (ticket: Ticket) =>
  domainEvent('ticket.status_changed', meta(ticket.tenantId), { ticketId: ticket.id, from: 'open', to: 'in_progress', agentId: null });

export const eventLogContract = (makeEnv: ContractEnvFactory): void => {
  describe('EventLog contract (public events recorded with the outbox)', () => {
    let env: ContractEnv;
    beforeAll(async () => {
      env = await makeEnv();
    });
    afterAll(async () => {
      await env.close();
    });

    const write = <A, E>(work: (store: Store) => Effect.Effect<A, E>) => Effect.runPromise(env.uow.transaction(work));
    const read = <A, E>(work: (store: Store) => Effect.Effect<A, E>) => Effect.runPromise(env.uow.read(work));
    const logged = (tenantId: string, after = 0) => read((s) => s.events.after(tenantId, after, 1000));
    const givenTicket = async (): Promise<Ticket> => {
      const tenant = aTenant().build();
      const customer = aCustomer(tenant.id).build();
      const ticket = aTicket(tenant.id, customer.id).build();
      await write((s) => Effect.all([s.tenants.insert(tenant), s.customers.insert(customer), s.tickets.insert(ticket)]));
      return ticket;
    };

    it('records a public event with the object as the unit wrote it, sequence 1 and position 1', async () => {
      const ticket = await givenTicket();
      const changed: Ticket = { ...ticket, status: 'in_progress', title: 'Changed ✨' };
      const event = statusChanged(ticket);
      await write((s) => Effect.andThen(s.tickets.update(changed), s.outbox.append([event])));
      const [only, ...rest] = await logged(ticket.tenantId);
      expect(rest).toEqual([]);
      expect(only).toMatchObject({ eventId: event.id, position: 1, sequence: 1, ticketId: ticket.id, type: 'ticket.status_changed', occurredAt: at });
      expect(only?.data).toEqual({ ticket: ticketView(changed), from: 'open', to: 'in_progress' });
      expect(await read((s) => s.events.last(ticket.tenantId))).toBe(1);
      expect(await read((s) => s.events.byEventId(ticket.tenantId, event.id))).toEqual(only);
      expect(await read((s) => s.events.byEventId(aTenant().build().id, event.id))).toBeNull();
    });

    it('numbers a ticket’s events 1, 2, 3… across units, and the tenant’s positions across tickets', async () => {
      const first = await givenTicket();
      const customer = aCustomer(first.tenantId).build();
      const second = aTicket(first.tenantId, customer.id).build();
      await write((s) => Effect.all([s.customers.insert(customer), s.tickets.insert(second)]));
      await write((s) => s.outbox.append([statusChanged(first), statusChanged(second), statusChanged(first)]));
      await write((s) => s.outbox.append([statusChanged(second)]));
      const message = aMessage(first).build();
      const stored = await write((s) =>
        Effect.gen(function* () {
          const m = yield* s.messages.append(message);
          yield* s.outbox.append([domainEvent('message.created', meta(first.tenantId), { ticketId: first.id, messageId: m.id, senderType: 'customer' })]);
          return m;
        }),
      );
      const events = await logged(first.tenantId);
      expect(events.map((e) => [e.position, e.ticketId, e.sequence])).toEqual([
        [1, first.id, 1],
        [2, second.id, 1],
        [3, first.id, 2],
        [4, second.id, 2],
        [5, first.id, 3],
      ]);
      expect(events[4]?.data).toEqual({ message: messageView(stored), ticket_id: first.id });
      expect((await logged(first.tenantId, 3)).map((e) => e.position)).toEqual([4, 5]);
      expect(await read((s) => s.events.has(first.tenantId, 5))).toBe(true);
      expect(await read((s) => s.events.has(first.tenantId, 6))).toBe(false);
    });

    it('numbers the events of several appends in one unit in append order, and the unit reads its own events', async () => {
      const first = await givenTicket();
      const customer = aCustomer(first.tenantId).build();
      const second = aTicket(first.tenantId, customer.id).build();
      await write((s) => Effect.all([s.customers.insert(customer), s.tickets.insert(second)]));
      await write((s) => s.outbox.append([statusChanged(first)]));
      const seen = await write((s) =>
        Effect.gen(function* () {
          yield* s.outbox.append([statusChanged(second)]);
          yield* s.outbox.append([statusChanged(first), statusChanged(second)]);
          const inside = { last: yield* s.events.last(first.tenantId), has: yield* s.events.has(first.tenantId, 4) };
          yield* s.outbox.append([statusChanged(first)]);
          return inside;
        }),
      );
      expect(seen).toEqual({ last: 4, has: true });
      expect((await logged(first.tenantId)).map((e) => [e.position, e.ticketId, e.sequence])).toEqual([
        [1, first.id, 1],
        [2, second.id, 1],
        [3, first.id, 2],
        [4, second.id, 2],
        [5, first.id, 3],
      ]);
    });

    it('records nothing when the unit fails, and the next event takes the same numbers', async () => {
      const ticket = await givenTicket();
      await Effect.runPromise(Effect.flip(env.uow.transaction((s) => Effect.andThen(s.outbox.append([statusChanged(ticket)]), Effect.fail('boom' as const)))));
      expect(await logged(ticket.tenantId)).toEqual([]);
      await write((s) => s.outbox.append([statusChanged(ticket)]));
      expect((await logged(ticket.tenantId)).map((e) => [e.position, e.sequence])).toEqual([[1, 1]]);
    });

    it('records internal events and events about missing objects as nothing', async () => {
      const ticket = await givenTicket();
      await write((s) =>
        s.outbox.append([
          domainEvent('settings.changed', meta(ticket.tenantId), { maxCustomersPerAgent: 2, autoAssign: true }),
          domainEvent('room.queued', meta(ticket.tenantId), { ticketId: ticket.id, roomId: 'r' }),
          statusChanged({ ...ticket, id: v7() }),
        ]),
      );
      expect(await logged(ticket.tenantId)).toEqual([]);
    });

    it('records availability changes without a sequence, reading the user when the unit did not', async () => {
      const ticket = await givenTicket();
      const agent = aStaffUser(ticket.tenantId).build();
      await write((s) => s.users.insert(agent));
      await write((s) => s.outbox.append([domainEvent('agent.availability_changed', meta(ticket.tenantId), { agentId: agent.id, availability: 'online' })]));
      const [event] = await logged(ticket.tenantId);
      expect(event).toMatchObject({ position: 1, sequence: null, ticketId: null });
      expect(event && toEnvelope(event).data).toMatchObject({ user: { id: agent.id, availability: 'online' }, from: 'offline', to: 'online' });
    });

    it('keeps tenants apart', async () => {
      const [a, b] = await Promise.all([givenTicket(), givenTicket()]);
      await write((s) => s.outbox.append([statusChanged(a), statusChanged(a)]));
      await write((s) => s.outbox.append([statusChanged(b)]));
      expect((await logged(a.tenantId)).map((e) => e.position)).toEqual([1, 2]);
      expect((await logged(b.tenantId)).map((e) => [e.position, e.tenantId])).toEqual([[1, b.tenantId]]);
    });

    it('gives concurrent units on one ticket unique, gap-free sequences and positions', async () => {
      const ticket = await givenTicket();
      const other = aTicket(ticket.tenantId, ticket.customerId).build();
      await write((s) => s.tickets.insert(other));
      const units = Array.from({ length: 30 }, (_, i) =>
        write((s) => s.outbox.append(i % 3 === 0 ? [statusChanged(other), statusChanged(ticket)] : [statusChanged(ticket)])),
      );
      await Promise.all(units);
      const events = await logged(ticket.tenantId);
      expect(events.map((e) => e.position)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      const sequences = (id: string) => events.filter((e) => e.ticketId === id).map((e) => e.sequence);
      expect(sequences(ticket.id)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect(sequences(other.id)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    });

    it('prunes events older than a time, and only those', async () => {
      const ticket = await givenTicket();
      const old = domainEvent('ticket.status_changed', meta(ticket.tenantId, new Date('2000-01-01T00:00:00.000Z')), {
        ticketId: ticket.id,
        from: 'open',
        to: 'resolved',
        agentId: null,
      });
      await write((s) => s.outbox.append([old, statusChanged(ticket)]));
      const pruned = await write((s) => s.events.prune(new Date('2001-01-01T00:00:00.000Z'), 1000));
      expect(pruned).toBeGreaterThanOrEqual(1);
      expect((await logged(ticket.tenantId)).map((e) => e.position)).toEqual([2]);
      expect(await read((s) => s.events.has(ticket.tenantId, 1))).toBe(false);
      expect(await read((s) => s.events.last(ticket.tenantId))).toBe(2);
    });
  });
};
