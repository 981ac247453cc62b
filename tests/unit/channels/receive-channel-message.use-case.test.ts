import { Effect } from 'effect';
import { describe, expect, it } from 'vitest';
import { ReceiveChannelMessageUseCase, type ReceiveChannelMessageInput } from '../../../core/channels/receive-channel-message.use-case.ts';
import type { Store, UnitOfWork } from '../../../core/shared/unit-of-work.port.ts';
import type { CustomerRepository } from '../../../core/tickets/customer.port.ts';
import { aChannel, aTenant, seed } from '../../support/allocation-builders.ts';
import { allocationWorld, failureOf, run } from '../allocation/allocation-world.ts';

type World = Awaited<ReturnType<typeof allocationWorld>>;
type Intake = Omit<ReceiveChannelMessageInput, 'channel' | 'deliveryId'> & { readonly deliveryId?: string };

const setup = async (autoAssign = true) => {
  const world = await allocationWorld(aTenant().autoAssign(autoAssign).build());
  const channel = aChannel(world.tenant.id);
  await seed(world.uow, { channels: [channel] });
  let deliveries = 0;
  const receive = (input: Intake, uow: UnitOfWork = world.uow) =>
    new ReceiveChannelMessageUseCase({ uow, clock: world.clock, ids: world.ids }).execute({ channel, deliveryId: `msg_${++deliveries}`, ...input });
  return { world, channel, receive };
};

const customersOf = (world: World) => [...world.uow.db.customers.values()].filter((c) => c.id !== world.customer.id);
const messagesOf = (world: World, ticketId: string) => [...world.uow.db.messages.values()].filter((m) => m.ticketId === ticketId);

describe('ReceiveChannelMessageUseCase', () => {
  it('creates the customer and opens a queued webhook ticket for their first message', async () => {
    const { world, channel, receive } = await setup();

    const received = await run(receive({ customerExternalId: 'wa-42', message: 'My order is late' }));

    expect(customersOf(world)).toEqual([expect.objectContaining({ id: received.customerId, externalId: 'wa-42', name: 'wa-42' })]);
    expect(world.ticket(received.ticketId)).toMatchObject({
      title: 'My order is late', status: 'open', channel: 'webhook', channelId: channel.id, customerId: received.customerId, assignedAgentId: null,
    });
    expect(world.ticket(received.ticketId).queuedAt).not.toBeNull();
    expect(messagesOf(world, received.ticketId)).toEqual([
      expect.objectContaining({ id: received.messageId, senderType: 'customer', senderId: received.customerId, message: 'My order is late' }),
    ]);
    expect(world.events().map((e) => e.type)).toEqual(['ticket.created', 'message.created']);
    expect(world.eventsOf('ticket.created')[0]?.payload).toEqual({ ticketId: received.ticketId, channel: 'webhook', priority: 'medium', autoAssign: true });
  });

  it('names the customer as told, uses the given title, and leaves the ticket unqueued without auto_assign', async () => {
    const { world, receive } = await setup(false);
    const received = await run(receive({ customerExternalId: 'c-1', customerName: 'Dana', title: 'Refund', message: 'Please refund' }));
    expect(world.uow.db.customers.get(received.customerId)?.name).toBe('Dana');
    expect(world.ticket(received.ticketId)).toMatchObject({ title: 'Refund', queuedAt: null });
    expect(world.eventsOf('ticket.created')[0]?.payload.autoAssign).toBe(false);
  });

  it('titles a new ticket with the first 80 code points of the message', async () => {
    const { world, receive } = await setup();
    const message = `${'🙂'.repeat(79)}é and more text`;
    const received = await run(receive({ customerExternalId: 'c-2', message }));
    expect(world.ticket(received.ticketId).title).toBe(`${'🙂'.repeat(79)}é`);
    expect(messagesOf(world, received.ticketId)[0]?.message).toBe(message);
  });

  it('appends to the customer’s active ticket on this channel', async () => {
    const { world, receive } = await setup();
    const first = await run(receive({ customerExternalId: 'c-3', message: 'one' }));
    await run(world.uow.transaction((s) => s.tickets.update({ ...world.ticket(first.ticketId), status: 'in_progress' })));
    const second = await run(receive({ customerExternalId: 'c-3', customerName: 'Renamed?', message: 'two' }));

    expect(second).toMatchObject({ ticketId: first.ticketId, customerId: first.customerId });
    expect(messagesOf(world, first.ticketId).map((m) => m.message)).toEqual(['one', 'two']);
    expect(world.eventsOf('ticket.created')).toHaveLength(1);
    expect(customersOf(world)).toHaveLength(1);
  });

  it('opens a new ticket once the previous one is resolved', async () => {
    const { world, receive } = await setup();
    const first = await run(receive({ customerExternalId: 'c-4', message: 'one' }));
    await run(world.uow.transaction((s) => s.tickets.update({ ...world.ticket(first.ticketId), status: 'resolved', queuedAt: null })));
    const second = await run(receive({ customerExternalId: 'c-4', message: 'again' }));

    expect(second.ticketId).not.toBe(first.ticketId);
    expect(second.customerId).toBe(first.customerId);
    expect(messagesOf(world, second.ticketId).map((m) => m.message)).toEqual(['again']);
  });

  it('does not reuse the customer’s ticket from another channel', async () => {
    const { world, receive } = await setup();
    const otherChannel = aChannel(world.tenant.id);
    await seed(world.uow, { channels: [otherChannel] });
    const first = await run(receive({ customerExternalId: 'c-5', message: 'here' }));
    const elsewhere = await run(new ReceiveChannelMessageUseCase({ uow: world.uow, clock: world.clock, ids: world.ids }).execute({ channel: otherChannel, deliveryId: 'msg_other', customerExternalId: 'c-5', message: 'there' }));
    expect(elsewhere.ticketId).not.toBe(first.ticketId);
    expect(elsewhere.customerId).toBe(first.customerId);
  });

  it('keeps one customer and one ticket when two first messages arrive at once', async () => {
    const { world, receive } = await setup();
    const [a, b] = await run(Effect.all([receive({ customerExternalId: 'c-6', message: 'a' }), receive({ customerExternalId: 'c-6', message: 'b' })], { concurrency: 'unbounded' }));
    expect(a.customerId).toBe(b.customerId);
    expect(a.ticketId).toBe(b.ticketId);
    expect(messagesOf(world, a.ticketId)).toHaveLength(2);
  });

  it('retries once when its customer insert loses the race on the external id', async () => {
    const { world, receive } = await setup();
    const winner = await run(receive({ customerExternalId: 'c-7', message: 'first' }));
    let staleReads = 1;
    const stale = (customers: CustomerRepository): CustomerRepository => ({
      get: (t, id) => customers.get(t, id),
      findByExternalId: (t, e) => (staleReads-- > 0 ? Effect.succeed(null) : customers.findByExternalId(t, e)),
      list: (t, page) => customers.list(t, page),
      insert: (customer) => customers.insert(customer),
    });
    const racing: UnitOfWork = {
      transaction: (work) => world.uow.transaction((store: Store) => work({ ...store, customers: stale(store.customers) })),
      read: (work) => world.uow.read(work),
      exclusive: (tenantId, work) => world.uow.exclusive(tenantId, (store: Store) => work({ ...store, customers: stale(store.customers) })),
    };
    const loser = await run(receive({ customerExternalId: 'c-7', message: 'second' }, racing));
    expect(loser).toMatchObject({ customerId: winner.customerId, ticketId: winner.ticketId });
    expect(customersOf(world)).toHaveLength(1);
    expect(messagesOf(world, winner.ticketId).map((m) => m.message)).toEqual(['first', 'second']);
  });

  it.each([
    ['an empty message', { message: '' }, 'message'],
    ['a message over 10000 code points', { message: '😀'.repeat(10_001) }, 'message'],
    ['an empty external id', { customerExternalId: '' }, 'customer_external_id'],
    ['a blank customer name', { customerName: '  ' }, 'customer_name'],
    ['a title over 200 code points', { title: 't'.repeat(201) }, 'title'],
  ])('fails with InvalidInput for %s and changes nothing', async (_name, override, path) => {
    const { world, receive } = await setup();
    const error = await failureOf(receive({ customerExternalId: 'c-8', message: 'ok', ...override }));
    expect(error).toMatchObject({ _tag: 'InvalidInput', path });
    expect(customersOf(world)).toEqual([]);
    expect(world.events()).toEqual([]);
  });

  it('accepts a message of exactly 10000 code points of emoji', async () => {
    const { world, receive } = await setup();
    const message = '😀'.repeat(10_000);
    const received = await run(receive({ customerExternalId: 'c-9', message }));
    expect(messagesOf(world, received.ticketId)[0]?.message).toBe(message);
  });
});
