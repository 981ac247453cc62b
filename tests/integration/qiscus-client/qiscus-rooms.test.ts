import { Result } from 'effect';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeResolveWebhook } from '../../../adapters/qiscus/qiscus-webhooks.ts';
import { accountOf, failure, fastClient, startReceiver, succeed, useFakeQiscus } from './qiscus-client-world.ts';

describe('QiscusChatPlatform rooms', () => {
  const fake = useFakeQiscus();
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  it('reads a room as waiting, served or resolved', async () => {
    const client = fastClient();
    const account = accountOf(fake());
    const [waiting, served, resolved] = [fake().addRoom({ channelId: 77 }), fake().addRoom(), fake().addRoom()];
    const agent = fake().addAgent();
    await succeed(client.assignAgent(account, served.roomId, String(agent.id)));
    fake().resolveFromDashboard(resolved.roomId);
    expect(await succeed(client.room(account, waiting.roomId))).toEqual({ roomId: waiting.roomId, state: 'waiting', channelId: '77' });
    expect((await succeed(client.room(account, served.roomId))).state).toBe('served');
    expect((await succeed(client.room(account, resolved.roomId))).state).toBe('resolved');
  });

  it('reports an unknown room as not found', async () => {
    const error = await failure(fastClient().room(accountOf(fake()), '999999'));
    expect(error).toMatchObject({ _tag: 'ChatRoomNotFound', roomId: '999999' });
  });

  it('lists every waiting room across pages, newest first', async () => {
    const client = fastClient({ pageSize: 3 });
    const account = accountOf(fake());
    const agent = fake().addAgent();
    const rooms = Array.from({ length: 9 }, () => fake().addRoom());
    await succeed(client.assignAgent(account, rooms[1]!.roomId, String(agent.id)));
    fake().resolveFromDashboard(rooms[4]!.roomId);
    const waiting = await succeed(client.waitingRooms(account));
    const expected = rooms.filter((_, i) => i !== 1 && i !== 4).reverse();
    expect(waiting.map((room) => room.roomId)).toEqual(expected.map((room) => room.roomId));
    expect(waiting.every((room) => room.state === 'waiting')).toBe(true);
    expect(fake().callsTo('/api/v2/customer_rooms')).toHaveLength(3);
  });

  it('resolves a room, frees its agent, and treats resolving it again as done', async () => {
    const client = fastClient();
    const account = accountOf(fake());
    const room = fake().addRoom();
    const agent = fake().addAgent();
    await succeed(client.assignAgent(account, room.roomId, String(agent.id)));
    await succeed(client.resolveRoom(account, room.roomId, 'done'));
    expect(room.resolved).toBe(true);
    expect(agent.customerCount).toBe(0);
    await succeed(client.resolveRoom(account, room.roomId));
    const statuses = fake().callsTo('/api/v1/admin/service/mark_as_resolved').map((call) => call.status);
    expect(statuses).toEqual([200, 400]);
  });

  it('registers the resolve webhook, which the fake then calls (twice when duplicating)', async () => {
    const receiver = await startReceiver();
    closers.push(receiver.close);
    const client = fastClient();
    const account = accountOf(fake());
    const registered = await succeed(client.registerResolveWebhook(account, { url: receiver.url, enabled: true }));
    expect(registered).toEqual({ url: receiver.url, enabled: true });
    const room = fake().addRoom();
    fake().duplicateWebhooks();
    await succeed(client.resolveRoom(account, room.roomId, 'bye'));
    await fake().settled();
    expect(receiver.bodies).toHaveLength(2);
    const decoded = decodeResolveWebhook(receiver.bodies[0]);
    expect(Result.isSuccess(decoded) && decoded.success).toMatchObject({ roomId: room.roomId, notes: 'bye' });
  });
});
