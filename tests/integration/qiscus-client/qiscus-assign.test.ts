import { describe, expect, it } from 'vitest';
import type { RetryNotice } from '../../../adapters/qiscus/qiscus-http.ts';
import { accountOf, failure, fastClient, succeed, useFakeQiscus } from './qiscus-client-world.ts';

describe('QiscusChatPlatform.assignAgent', () => {
  const fake = useFakeQiscus();

  it('assigns with a form-encoded request capped at one agent per room', async () => {
    const room = fake().addRoom();
    const agent = fake().addAgent();
    const outcome = await succeed(fastClient().assignAgent(accountOf(fake()), room.roomId, String(agent.id)));
    expect(outcome).toEqual({ _tag: 'Assigned', roomId: room.roomId, platformAgentId: String(agent.id), sessionId: String(room.serviceId) });
    const [call] = fake().assignCallsFor(room.roomId);
    expect(call?.headers.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(call?.body).toMatchObject({ room_id: room.roomId, agent_id: String(agent.id), max_agent: '1' });
    expect(room.agentIds).toEqual([agent.id]);
  });

  it('reports a room that already has an agent as served and adds no second agent', async () => {
    const room = fake().addRoom();
    const [first, second] = [fake().addAgent(), fake().addAgent()];
    const client = fastClient();
    await succeed(client.assignAgent(accountOf(fake()), room.roomId, String(first.id)));
    const outcome = await succeed(client.assignAgent(accountOf(fake()), room.roomId, String(second.id)));
    expect(outcome).toEqual({ _tag: 'AlreadyServed', roomId: room.roomId, uncertain: false });
    expect(room.agentIds).toEqual([first.id]);
  });

  it('reports a resolved room', async () => {
    const room = fake().addRoom();
    const agent = fake().addAgent();
    fake().resolveFromDashboard(room.roomId);
    const outcome = await succeed(fastClient().assignAgent(accountOf(fake()), room.roomId, String(agent.id)));
    expect(outcome).toEqual({ _tag: 'RoomResolved', roomId: room.roomId });
  });

  it('retries 5xx answers with growing delays, then succeeds', async () => {
    const room = fake().addRoom();
    const agent = fake().addAgent();
    fake().failNextAssigns(2, 503);
    const notices: RetryNotice[] = [];
    const client = fastClient({ maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 1000, random: () => 1, onRetry: (n) => notices.push(n) });
    const outcome = await succeed(client.assignAgent(accountOf(fake()), room.roomId, String(agent.id)));
    expect(outcome._tag).toBe('Assigned');
    expect(fake().assignCallsFor(room.roomId).map((call) => call.status)).toEqual([503, 503, 200]);
    expect(notices.map((n) => [n.attempt, n.reason, n.delayMs])).toEqual([
      [1, 'status 503', 10],
      [2, 'status 503', 20],
    ]);
  });

  it('gives up after the last attempt with a retryable error that carries no secret', async () => {
    const room = fake().addRoom();
    const agent = fake().addAgent();
    fake().failNextAssigns(5, 500);
    const error = await failure(fastClient({ maxAttempts: 3 }).assignAgent(accountOf(fake()), room.roomId, String(agent.id)));
    expect(error._tag).toBe('ChatPlatformUnavailable');
    expect(fake().assignCallsFor(room.roomId)).toHaveLength(3);
    expect(`${String(error)} ${JSON.stringify(error)}`).not.toContain(fake().credentials.secretKey);
  });

  it('times out a call that gets no answer and retries it', async () => {
    const room = fake().addRoom();
    const agent = fake().addAgent();
    fake().failNextAssigns(1, 'timeout');
    const started = Date.now();
    const outcome = await succeed(fastClient({ timeoutMs: 200 }).assignAgent(accountOf(fake()), room.roomId, String(agent.id)));
    expect(outcome._tag).toBe('Assigned');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(fake().assignCallsFor(room.roomId).map((call) => call.status)).toEqual([0, 200]);
  });

  it('fails as unavailable when every attempt times out', async () => {
    const room = fake().addRoom();
    const agent = fake().addAgent();
    fake().failNextAssigns(2, 'timeout');
    const error = await failure(fastClient({ timeoutMs: 100, maxAttempts: 2 }).assignAgent(accountOf(fake()), room.roomId, String(agent.id)));
    expect(error).toMatchObject({ _tag: 'ChatPlatformUnavailable', operation: 'assign agent' });
    expect(error._tag === 'ChatPlatformUnavailable' && error.reason).toMatch(/timed out/);
  });

  it('flags "already served" as uncertain when an unanswered attempt may have assigned the room', async () => {
    const room = fake().addRoom();
    const agent = fake().addAgent();
    fake().failNextAssigns(1, 'timeout', { applied: true });
    const outcome = await succeed(fastClient({ timeoutMs: 150 }).assignAgent(accountOf(fake()), room.roomId, String(agent.id)));
    expect(outcome).toEqual({ _tag: 'AlreadyServed', roomId: room.roomId, uncertain: true });
    expect(room.agentIds).toEqual([agent.id]);
  });

  it('does not retry other 4xx answers', async () => {
    const room = fake().addRoom();
    const error = await failure(fastClient().assignAgent(accountOf(fake()), room.roomId, '424242'));
    expect(error).toMatchObject({ _tag: 'ChatPlatformRequestRejected', status: 400, message: 'agent not found' });
    expect(fake().assignCallsFor(room.roomId)).toHaveLength(1);
  });

  it('reports an unreachable platform as unavailable', async () => {
    const account = { ...accountOf(fake()), baseUrl: 'http://127.0.0.1:9' };
    const error = await failure(fastClient({ maxAttempts: 2 }).assignAgent(account, '1', '2'));
    expect(error).toMatchObject({ _tag: 'ChatPlatformUnavailable' });
    expect(error._tag === 'ChatPlatformUnavailable' && error.reason).toMatch(/network error.*after 2 attempt/);
  });

  it('treats a success reply it cannot read as unavailable, without quoting the reply', async () => {
    const reply = { data: { added_agent: { name: 'no id' } }, token: 'tok-should-not-leak' };
    const outbound = { send: async () => ({ kind: 'response' as const, status: 200, headers: {}, body: Buffer.from(JSON.stringify(reply)) }) };
    const error = await failure(fastClient({ outbound }).assignAgent(accountOf(fake()), '1', '2'));
    expect(error).toMatchObject({ _tag: 'ChatPlatformUnavailable', reason: 'unexpected reply shape (status 200)' });
    expect(JSON.stringify(error)).not.toContain('tok-should-not-leak');
  });
});
