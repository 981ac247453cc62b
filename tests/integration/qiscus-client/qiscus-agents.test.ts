import { describe, expect, it } from 'vitest';
import { accountOf, failure, fastClient, succeed, useFakeQiscus } from './qiscus-client-world.ts';

const AGENTS = '/api/v2/admin/service/available_agents';

describe('QiscusChatPlatform.eligibleAgents', () => {
  const fake = useFakeQiscus();

  it('authenticates with the app code and secret key headers, not an admin token', async () => {
    const room = fake().addRoom();
    fake().addAgent();
    await succeed(fastClient().eligibleAgents(accountOf(fake()), room.roomId));
    const [call] = fake().callsTo(AGENTS);
    expect(call?.headers).toMatchObject({ appId: fake().credentials.appCode, secretKey: fake().credentials.secretKey });
    expect(call?.headers.authorization).toBeUndefined();
    expect(call?.query['room_id']).toBe(room.roomId);
  });

  it('follows meta.after through every page', async () => {
    const room = fake().addRoom();
    const agents = Array.from({ length: 23 }, () => fake().addAgent());
    const listed = await succeed(fastClient({ pageSize: 5 }).eligibleAgents(accountOf(fake()), room.roomId));
    expect(listed.map((agent) => agent.platformAgentId)).toEqual(agents.map((agent) => String(agent.id)));
    const calls = fake().callsTo(AGENTS);
    expect(calls).toHaveLength(5);
    expect(calls[0]?.query['cursor_after']).toBeUndefined();
    expect(calls.slice(1).every((call) => typeof call.query['cursor_after'] === 'string')).toBe(true);
    expect(calls.every((call) => call.query['limit'] === '5')).toBe(true);
  });

  it('keeps only agents that are available and not forced offline, with their reported load', async () => {
    const room = fake().addRoom();
    const ready = fake().addAgent({ name: 'Ready', email: 'ready@example.com', customerCount: 3 });
    fake().addAgent({ isAvailable: false });
    fake().addAgent({ forceOffline: true });
    fake().addAgent({ isAvailable: false, forceOffline: true });
    const listed = await succeed(fastClient({ pageSize: 2 }).eligibleAgents(accountOf(fake()), room.roomId));
    expect(listed).toEqual([{ platformAgentId: String(ready.id), name: 'Ready', email: 'ready@example.com', reportedLoad: 3 }]);
  });

  it('reports rejected app credentials without retrying', async () => {
    const room = fake().addRoom();
    const error = await failure(fastClient().eligibleAgents(accountOf(fake(), { secretKey: 'wrong-secret' }), room.roomId));
    expect(error).toMatchObject({ _tag: 'ChatPlatformCredentialsRejected', credentials: 'app' });
    expect(fake().callsTo(AGENTS)).toHaveLength(1);
  });

  it('sees the lagging load figure of the fake for the configured number of listings', async () => {
    const room = fake().addRoom();
    const agent = fake().addAgent({ customerCount: 1 });
    fake().lagCustomerCount(2);
    const client = fastClient();
    const account = accountOf(fake());
    await succeed(client.assignAgent(account, room.roomId, String(agent.id)));
    const loads = [];
    for (let i = 0; i < 3; i++) loads.push((await succeed(client.eligibleAgents(account, room.roomId)))[0]?.reportedLoad);
    expect(loads).toEqual([1, 1, 2]);
  });
});
