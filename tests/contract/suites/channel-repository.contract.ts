import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Effect } from 'effect';
import type { ChannelDelivery } from '../../../core/channels/channel.ts';
import { aChannel, aTenant, at, readFrom, seed } from '../../support/allocation-builders.ts';
import type { ContractEnv, ContractEnvFactory } from '../contract-env.ts';

export const channelRepositoryContract = (makeEnv: ContractEnvFactory): void => {
  describe('ChannelRepository contract', () => {
    let env: ContractEnv;
    beforeAll(async () => {
      env = await makeEnv();
    });
    afterAll(async () => {
      await env.close();
    });

    it('finds a channel by its key across tenants, secret included', async () => {
      const tenant = aTenant().build();
      const channel = { ...aChannel(tenant.id), name: 'Fórmulário 📮' };
      await seed(env.uow, { tenant, channels: [channel] });

      expect(await readFrom(env.uow, (s) => s.channels.findByKey(channel.key))).toEqual(channel);
      expect(await readFrom(env.uow, (s) => s.channels.findByKey(`${channel.key}x`))).toBeNull();
    });

    it('lists only the tenant’s channels, oldest first, page by page', async () => {
      const tenant = aTenant().build();
      const other = aTenant().build();
      const channels = Array.from({ length: 3 }, () => aChannel(tenant.id));
      await seed(env.uow, { tenant, channels });
      await seed(env.uow, { tenant: other, channels: [aChannel(other.id)] });

      const first = await readFrom(env.uow, (s) => s.channels.list(tenant.id, { limit: 2, after: null }));
      const second = await readFrom(env.uow, (s) => s.channels.list(tenant.id, { limit: 2, after: first.next }));

      expect(first.items).toEqual(channels.slice(0, 2));
      expect(second.items).toEqual(channels.slice(2));
      expect(second.next).toBeNull();
    });

    const delivery = (channel: { id: string; tenantId: string }, deliveryId: string, seconds: number): ChannelDelivery => ({
      tenantId: channel.tenantId,
      channelId: channel.id,
      deliveryId,
      receivedAt: at(seconds),
      ticketId: `ticket-${seconds}`,
      messageId: `message-${seconds}`,
      customerId: 'customer-1',
    });
    const record = (d: ChannelDelivery) =>
      env.uow.transaction((s) => s.channels.recordDelivery(d)).pipe(Effect.match({ onFailure: (e) => e, onSuccess: () => 'ok' as const }), Effect.runPromise);

    it('remembers a delivery by channel and id, within the window, for its tenant only', async () => {
      const tenant = aTenant().build();
      const channel = aChannel(tenant.id);
      await seed(env.uow, { tenant, channels: [channel] });
      const first = delivery(channel, 'msg_A b~', 100);
      expect(await record(first)).toBe('ok');

      expect(await readFrom(env.uow, (s) => s.channels.findDelivery(tenant.id, channel.id, 'msg_A b~', at(100)))).toEqual(first);
      expect(await readFrom(env.uow, (s) => s.channels.findDelivery(tenant.id, channel.id, 'msg_a b~', at(0)))).toBeNull();
      expect(await readFrom(env.uow, (s) => s.channels.findDelivery(tenant.id, channel.id, 'msg_A b~', at(101)))).toBeNull();
      expect(await readFrom(env.uow, (s) => s.channels.findDelivery('other-tenant', channel.id, 'msg_A b~', at(0)))).toBeNull();
    });

    it('refuses a second delivery with the same id on the same channel, not on another', async () => {
      const tenant = aTenant().build();
      const [one, two] = [aChannel(tenant.id), aChannel(tenant.id)];
      await seed(env.uow, { tenant, channels: [one, two] });
      expect(await record(delivery(one, 'x'.repeat(255), 1))).toBe('ok');
      expect(await record({ ...delivery(one, 'x'.repeat(255), 2), ticketId: 'another' })).toMatchObject({ _tag: 'DuplicateKey' });
      expect(await record(delivery(two, 'x'.repeat(255), 3))).toBe('ok');
      expect((await readFrom(env.uow, (s) => s.channels.findDelivery(tenant.id, one.id, 'x'.repeat(255), at(0))))?.ticketId).toBe('ticket-1');
    });

    it('forgets the channel’s deliveries received before a time, so their ids can come again', async () => {
      const tenant = aTenant().build();
      const channel = aChannel(tenant.id);
      await seed(env.uow, { tenant, channels: [channel] });
      await record(delivery(channel, 'old', 10));
      await record(delivery(channel, 'new', 20));
      await Effect.runPromise(env.uow.transaction((s) => s.channels.forgetDeliveries(tenant.id, channel.id, at(15))));
      expect(await readFrom(env.uow, (s) => s.channels.findDelivery(tenant.id, channel.id, 'old', at(0)))).toBeNull();
      expect(await readFrom(env.uow, (s) => s.channels.findDelivery(tenant.id, channel.id, 'new', at(0)))).not.toBeNull();
      expect(await record(delivery(channel, 'old', 30))).toBe('ok');
    });

    it('prunes deliveries received before a time on every channel of every tenant, at most a batch at a time', async () => {
      const [first, second] = [aTenant().build(), aTenant().build()];
      const [one, two] = [aChannel(first.id), aChannel(second.id)];
      await seed(env.uow, { tenant: first, channels: [one] });
      await seed(env.uow, { tenant: second, channels: [two] });
      const prune = () => Effect.runPromise(env.uow.transaction((s) => s.channels.pruneDeliveries(at(1015), 3)));
      // The other tests' deliveries are older still: gone first.
      while ((await prune()) > 0);
      for (const [i, seconds] of [1010, 1011, 1012].entries()) await record(delivery(one, `old-${i}`, seconds));
      await record(delivery(two, 'old-two', 1013));
      await record(delivery(one, 'new', 1020));
      expect(await prune()).toBe(3);
      expect(await prune()).toBe(1);
      expect(await prune()).toBe(0);
      for (const [channel, id] of [[one, 'old-0'], [one, 'old-2'], [two, 'old-two']] as const) {
        expect(await readFrom(env.uow, (s) => s.channels.findDelivery(channel.tenantId, channel.id, id, at(0)))).toBeNull();
      }
      expect(await readFrom(env.uow, (s) => s.channels.findDelivery(first.id, one.id, 'new', at(0)))).not.toBeNull();
    });
  });
};
