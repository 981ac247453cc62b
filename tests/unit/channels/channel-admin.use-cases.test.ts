import { describe, expect, it } from 'vitest';
import { hmacChannelSignatureVerifier, signChannelBody } from '../../../adapters/crypto/channel-signature.ts';
import { AuthenticateChannelUseCase } from '../../../core/channels/authenticate-channel.use-case.ts';
import { CreateChannelUseCase } from '../../../core/channels/create-channel.use-case.ts';
import { ListChannelsUseCase } from '../../../core/channels/list-channels.use-case.ts';
import { allocationWorld, failureOf, run } from '../allocation/allocation-world.ts';

type World = Awaited<ReturnType<typeof allocationWorld>>;

const tokens = () => {
  let n = 0;
  return { next: () => `token-${++n}` };
};
const creator = (world: World) => new CreateChannelUseCase({ uow: world.uow, clock: world.clock, ids: world.ids, secrets: tokens() });

describe('CreateChannelUseCase', () => {
  it('stores a channel with a generated key and secret and returns the secret once', async () => {
    const world = await allocationWorld();
    const channel = await run(creator(world).execute({ name: 'Web form' }, world.admin));
    expect(channel).toMatchObject({ tenantId: world.tenant.id, name: 'Web form', key: 'token-1', secret: 'token-2' });
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
    const create = new CreateChannelUseCase({ uow: world.uow, clock: world.clock, ids: world.ids, secrets: tokens() });
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
    const channel = await run(creator(world).execute({ name: 'Web' }, world.admin));
    const authenticate = new AuthenticateChannelUseCase({ uow: world.uow, verifier: hmacChannelSignatureVerifier });
    return { channel, authenticate, body: new TextEncoder().encode('{"message":"hi"}') };
  };

  it('returns the channel for its key and a valid signature of the raw body', async () => {
    const { channel, authenticate, body } = await setup();
    await expect(run(authenticate.execute({ key: channel.key, rawBody: body, signature: signChannelBody(channel.secret, body) }))).resolves.toEqual(channel);
  });

  it.each([
    ['an unknown key', 'nope', true],
    ['a missing key', undefined, true],
    ['a bad signature', 'own', false],
  ] as const)('fails with ChannelUnauthenticated for %s', async (_name, key, signed) => {
    const { channel, authenticate, body } = await setup();
    const signature = signed ? signChannelBody(channel.secret, body) : signChannelBody('wrong', body);
    const error = await failureOf(authenticate.execute({ key: key === 'own' ? channel.key : key, rawBody: body, signature }));
    expect(error).toMatchObject({ _tag: 'ChannelUnauthenticated' });
  });
});
