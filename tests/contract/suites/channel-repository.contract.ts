import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aChannel, aTenant, readFrom, seed } from '../../support/allocation-builders.ts';
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
  });
};
