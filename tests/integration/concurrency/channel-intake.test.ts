import { Effect } from 'effect';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReceiveChannelMessageUseCase } from '../../../core/channels/receive-channel-message.use-case.ts';
import { aChannel, aCustomer, aTenant, readFrom, seed, testEnv } from '../../support/allocation-builders.ts';
import { flowStoreKinds, type FlowDatabase, type FlowStore } from '../../support/qiscus-stores.ts';

// On MariaDB the messages alternate between two connection pools, as two API processes would.
describe.each(await flowStoreKinds())('concurrent channel intake on $name', (kind) => {
  let database: FlowDatabase;
  let stores: FlowStore[];
  beforeEach(async () => {
    database = await kind.open();
    stores = kind.name === 'mariadb' ? [database.store, await database.anotherProcess()] : [database.store];
  });
  afterEach(() => database?.close());

  it('gives one new customer one ticket with every message, while other customers write in alongside', async () => {
    const tenant = aTenant().build();
    const channel = aChannel(tenant.id);
    await seed(database.store.uow, { tenant, channels: [channel] });
    const env = testEnv();
    const intake = stores.map((store) => new ReceiveChannelMessageUseCase({ uow: store.uow, ...env }));
    const receive = (i: number, customerExternalId: string) =>
      Effect.runPromise(intake[i % intake.length]!.execute({ channel, deliveryId: `${customerExternalId}-${i}`, customerExternalId, message: `message ${i}` }));

    const results = await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => receive(i, 'same-customer')),
      ...Array.from({ length: 20 }, (_, i) => receive(i, `customer-${i}`)),
    ]);

    const shared = results.slice(0, 20);
    expect(new Set(shared.map((r) => r.ticketId)).size).toBe(1);
    expect(new Set(shared.map((r) => r.customerId)).size).toBe(1);
    expect(new Set(results.slice(20).map((r) => r.ticketId)).size).toBe(20);
    const ticketId = shared[0]!.ticketId;
    const messages = await readFrom(database.store.uow, (s) => s.messages.list(tenant.id, ticketId, { limit: 100, after: null }));
    expect(messages.items.map((m) => m.sequence)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(messages.items.map((m) => m.message)).size).toBe(20);
  });

  it('opens exactly one ticket when a known customer without an active ticket sends many messages at once', async () => {
    const tenant = aTenant().build();
    const channel = aChannel(tenant.id);
    const customer = { ...aCustomer(tenant.id), externalId: 'known-customer' };
    await seed(database.store.uow, { tenant, channels: [channel], customers: [customer] });
    const env = testEnv();
    const intake = stores.map((store) => new ReceiveChannelMessageUseCase({ uow: store.uow, ...env }));

    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => Effect.runPromise(intake[i % intake.length]!.execute({ channel, deliveryId: `m${i}`, customerExternalId: 'known-customer', message: `m${i}` }))),
    );

    expect(new Set(results.map((r) => r.ticketId)).size).toBe(1);
    expect(results.every((r) => r.customerId === customer.id)).toBe(true);
  });

  it('stores one delivery once when the same webhook-id arrives 20 times at once, new customer or known', async () => {
    const tenant = aTenant().build();
    const channel = aChannel(tenant.id);
    const known = { ...aCustomer(tenant.id), externalId: 'known-again' };
    await seed(database.store.uow, { tenant, channels: [channel], customers: [known] });
    const env = testEnv();
    const intake = stores.map((store) => new ReceiveChannelMessageUseCase({ uow: store.uow, ...env }));
    for (const customerExternalId of ['brand-new', 'known-again']) {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          Effect.runPromise(intake[i % intake.length]!.execute({ channel, deliveryId: `msg_${customerExternalId}`, customerExternalId, message: `copy ${i}` })),
        ),
      );
      const { repeated: _, ...first } = results.find((r) => !r.repeated)!;
      expect(results.filter((r) => !r.repeated)).toHaveLength(1);
      expect(results.map(({ repeated: _r, ...rest }) => rest)).toEqual(Array(20).fill(first));
      const messages = await readFrom(database.store.uow, (s) => s.messages.list(tenant.id, first.ticketId, { limit: 100, after: null }));
      expect(messages.items).toHaveLength(1);
    }
  });
});
