import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signStandardWebhook, standardWebhookVerifier } from '../../../adapters/crypto/standard-webhooks.ts';
import { AuthenticateChannelUseCase } from '../../../core/channels/authenticate-channel.use-case.ts';
import { CreateChannelUseCase } from '../../../core/channels/create-channel.use-case.ts';
import { ListChannelsUseCase } from '../../../core/channels/list-channels.use-case.ts';
import { allocationWorld, failureOf, run } from '../allocation/allocation-world.ts';

type World = Awaited<ReturnType<typeof allocationWorld>>;

const tokens = () => {
  let n = 0;
  return { next: () => `token-${++n}` };
};
const creator = (world: World, secrets = tokens()) => new CreateChannelUseCase({ uow: world.uow, clock: world.clock, ids: world.ids, keys: tokens(), secrets });

describe('CreateChannelUseCase', () => {
  it('stores a channel with a generated key and secret and returns the secret once', async () => {
    const world = await allocationWorld();
    const channel = await run(creator(world).execute({ name: 'Web form' }, world.admin));
    expect(channel).toMatchObject({ tenantId: world.tenant.id, name: 'Web form', key: 'token-1', secret: 'token-1' });
    expect(await run(world.uow.read((s) => s.channels.findByKey('token-1')))).toEqual(channel);
  });

  it('refuses an agent with Forbidden', async () => {
    const world = await allocationWorld();
    await expect(failureOf(creator(world).execute({ name: 'x' }, world.agentActor))).resolves.toMatchObject({ _tag: 'Forbidden', action: 'channels.manage' });
  });

  it('refuses a bad name with InvalidInput and stores nothing', async () => {
    const world = await allocationWorld();
    await expect(failureOf(creator(world).execute({ name: 'n'.repeat(101) }, world.admin))).resolves.toMatchObject({ _tag: 'InvalidInput', path: 'name' });
    expect(world.uow.db.channels.size).toBe(0);
  });
});

describe('ListChannelsUseCase', () => {
  it('lists the tenant’s channels oldest first, without secrets', async () => {
    const world = await allocationWorld();
    const other = await allocationWorld();
    const create = creator(world);
    const first = await run(create.execute({ name: 'One' }, world.admin));
    const second = await run(create.execute({ name: 'Two' }, world.admin));
    await run(creator(other).execute({ name: 'Elsewhere' }, other.admin));

    const page = await run(new ListChannelsUseCase({ uow: world.uow }).execute({ limit: 1, after: null }, world.admin));
    const rest = await run(new ListChannelsUseCase({ uow: world.uow }).execute({ limit: 1, after: page.next }, world.admin));

    expect(page.items).toEqual([{ id: first.id, tenantId: world.tenant.id, name: 'One', key: first.key, createdAt: first.createdAt }]);
    expect(rest.items.map((c) => c.id)).toEqual([second.id]);
    expect(rest.next).toBeNull();
    expect(JSON.stringify([...page.items, ...rest.items])).not.toContain('secret');
  });

  it('refuses an agent with Forbidden', async () => {
    const world = await allocationWorld();
    await expect(failureOf(new ListChannelsUseCase({ uow: world.uow }).execute({ limit: 20, after: null }, world.agentActor))).resolves.toMatchObject({ _tag: 'Forbidden' });
  });
});

describe('AuthenticateChannelUseCase', () => {
  const setup = async () => {
    const world = await allocationWorld();
    const channel = await run(creator(world, { next: newWebhookSecret }).execute({ name: 'Web' }, world.admin));
    const authenticate = new AuthenticateChannelUseCase({ uow: world.uow, verifier: standardWebhookVerifier, clock: world.clock });
    const rawBody = new TextEncoder().encode('{"message":"hi"}');
    const seconds = Math.floor(world.clock.now().getTime() / 1000);
    const delivery = (secret: string, id = 'msg_1') => ({ id, timestamp: String(seconds), signature: signStandardWebhook(secret, id, seconds, rawBody), rawBody });
    return { world, channel, authenticate, delivery };
  };

  it('returns the channel for its key and a valid signature, with no earlier delivery', async () => {
    const { channel, authenticate, delivery } = await setup();
    await expect(run(authenticate.execute({ key: channel.key, ...delivery(channel.secret) }))).resolves.toEqual({ channel, deliveryId: 'msg_1', earlier: null });
  });

  it('returns the earlier delivery of the same id on the same channel', async () => {
    const { world, channel, authenticate, delivery } = await setup();
    const earlier = { tenantId: channel.tenantId, channelId: channel.id, deliveryId: 'msg_1', receivedAt: world.clock.now(), ticketId: 't', messageId: 'm', customerId: 'c' };
    await run(world.uow.transaction((s) => s.channels.recordDelivery(earlier)));
    await expect(run(authenticate.execute({ key: channel.key, ...delivery(channel.secret) }))).resolves.toMatchObject({ earlier });
    await expect(run(authenticate.execute({ key: channel.key, ...delivery(channel.secret, 'msg_2') }))).resolves.toMatchObject({ earlier: null });
  });

  it.each([
    ['an unknown key', 'nope', true],
    ['a missing key', undefined, true],
    ['a bad signature', 'own', false],
  ] as const)('fails with ChannelUnauthenticated for %s', async (_name, key, signed) => {
    const { channel, authenticate, delivery } = await setup();
    const error = await failureOf(authenticate.execute({ key: key === 'own' ? channel.key : key, ...delivery(signed ? channel.secret : newWebhookSecret()) }));
    expect(error).toMatchObject({ _tag: 'ChannelUnauthenticated' });
  });
});
