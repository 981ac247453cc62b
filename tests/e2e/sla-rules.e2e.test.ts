import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelHeaders } from '../support/channel-signing.ts';
import { minute, slaWorld } from '../support/sla-world.ts';
import { openSse, type SseStream } from '../support/sse-client.ts';

// API.md "SLA" and "Reports" rules the other e2e files leave out: who sends a first response, sla.breached
// as an admin-only event, the report's default period.
const world = slaWorld();
const { clock, advance, getTicket } = world;
const streams: SseStream[] = [];
const newTicket = () => world.newTicket('high');
const setStatus = (id: string, status: string) => world.env.request('PATCH', `/api/tickets/${id}/status`, { token: world.admin.token, body: { status } });
const stream = async (token: string) => {
  const s = await openSse(`${world.env.baseUrl}/api/events`, { authorization: `Bearer ${token}` });
  streams.push(s);
  return s;
};

beforeAll(() => world.env.request('PATCH', '/api/settings', { token: world.admin.token, body: { sla: { high: { first_response_minutes: 30, resolution_minutes: 240 } } } }));
afterAll(() => {
  for (const s of streams) s.close();
});

describe('the first response', () => {
  it('is never a customer’s message: the channel webhook’s messages leave it unanswered', async () => {
    const channel = (await world.env.request('POST', '/api/channels', { token: world.admin.token, body: { name: 'Web' } })).body;
    await world.env.request('PATCH', '/api/settings', { token: world.admin.token, body: { sla: { medium: { first_response_minutes: 30 } } } });
    const send = (message: string) => {
      const raw = JSON.stringify({ customer_external_id: 'c-1', message });
      return world.env.request('POST', '/api/channel/webhook', { raw, headers: { ...channelHeaders(channel, raw, { at: clock.now() }), 'content-type': 'application/json' } });
    };
    const first = await send('Hello?');
    expect(first.status).toBe(202);
    await advance(1);
    expect((await send('Anyone there?')).body.ticket_id).toBe(first.body.ticket_id);
    expect((await getTicket(first.body.ticket_id)).sla).toMatchObject({ first_responded_at: null, breached: [] });
    await advance(1);
    await world.env.request('POST', `/api/tickets/${first.body.ticket_id}/conversations`, { token: world.agent.token, body: { message: 'Here' } });
    expect((await getTicket(first.body.ticket_id)).sla.first_responded_at).toBe(clock.now().toISOString());
    await world.env.request('PATCH', '/api/settings', { token: world.admin.token, body: { sla: { high: { first_response_minutes: 30, resolution_minutes: 240 } } } });
  });

  it('is the first staff message whatever the status: on a resolved ticket too, which stays resolved', async () => {
    const ticket = await newTicket();
    expect((await setStatus(ticket.id, 'resolved')).status).toBe(200);
    await advance(3);
    expect((await world.env.request('POST', `/api/tickets/${ticket.id}/conversations`, { token: world.admin.token, body: { message: 'Done' } })).status).toBe(201);
    expect(await getTicket(ticket.id)).toMatchObject({ status: 'resolved', sla: { first_responded_at: clock.now().toISOString(), breached: [] } });
  });
});

describe('sla.breached', () => {
  it('is an admin event, sent once per breach; agents do not get it', async () => {
    const ticket = await newTicket();
    await advance(31);
    const [adminStream, agentStream] = [await stream(world.admin.token), await stream(world.agent.token)];
    await world.env.sweepSla();
    await world.env.sweepSla();
    await world.env.request('POST', `/api/tickets/${ticket.id}/conversations`, { token: world.admin.token, body: { message: 'Sorry for the wait' } });
    const seen = (await adminStream.waitForEvents(2)).map((e) => JSON.parse(e.data));
    expect(seen.map((e) => e.type)).toEqual(['sla.breached', 'message.created']);
    expect(seen[0].data).toMatchObject({ ticket: { id: ticket.id }, target: 'first_response' });
    const agentSeen = (await agentStream.waitForEvents(1)).map((e) => JSON.parse(e.data).type);
    expect(agentSeen).toEqual(['message.created']);
    expect((await getTicket(ticket.id)).sla.breached).toEqual(['first_response']);
  });
});

describe('the report period', () => {
  it('defaults to the week before now, and a from alone ends now', async () => {
    const res = await world.env.request('GET', '/api/reports/support', { token: world.admin.token });
    expect(res.body).toMatchObject({ from: new Date(world.ms - 7 * 1440 * minute).toISOString(), to: new Date(world.ms).toISOString() });
    const from = new Date(world.ms - 60 * minute).toISOString();
    expect((await world.env.request('GET', `/api/reports/support?from=${from}`, { token: world.admin.token })).body).toMatchObject({ from, to: new Date(world.ms).toISOString() });
  });
});
