import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelHeaders } from '../support/channel-signing.ts';
import { startHttpApp, type HttpTestEnv, type Staff } from '../support/http-app.ts';
import { openSse, type SseStream } from '../support/sse-client.ts';

// API.md "SLA" and "Reports" rules the other e2e files leave out: who sends a first response, sla.breached
// as an admin-only event, the report's default period.
let env: HttpTestEnv;
let admin: Staff;
let agent: Staff;
let customerId: string;
let ms = Math.ceil(Date.now() / 60_000) * 60_000;
const clock = { now: () => new Date(ms) };
const minute = 60_000;
const streams: SseStream[] = [];
const advance = async (minutes: number) => {
  ms += minutes * minute;
  for (const s of [admin, agent]) (s as { token: string }).token = (await env.login(s.email, s.password)).body.access_token;
};
const newTicket = async () =>
  (await env.request('POST', '/api/tickets', { token: admin.token, body: { title: 'Help', customer_id: customerId, priority: 'high', auto_assign: false } })).body;
const getTicket = async (id: string) => (await env.request('GET', `/api/tickets/${id}`, { token: admin.token })).body;
const setStatus = (id: string, status: string) => env.request('PATCH', `/api/tickets/${id}/status`, { token: admin.token, body: { status } });
const stream = async (token: string) => {
  const s = await openSse(`${env.baseUrl}/api/events`, { authorization: `Bearer ${token}` });
  streams.push(s);
  return s;
};

beforeAll(async () => {
  env = await startHttpApp({ clock });
  admin = (await env.tenant()).admin;
  agent = await env.staff(admin, 'agent');
  customerId = (await env.request('POST', '/api/customers', { token: admin.token, body: { name: 'Sari' } })).body.id;
  await env.request('PATCH', '/api/settings', { token: admin.token, body: { sla: { high: { first_response_minutes: 30, resolution_minutes: 240 } } } });
});
afterAll(async () => {
  for (const s of streams) s.close();
  await env.close();
});

describe('the first response', () => {
  it('is never a customer’s message: the channel webhook’s messages leave it unanswered', async () => {
    const channel = (await env.request('POST', '/api/channels', { token: admin.token, body: { name: 'Web' } })).body;
    await env.request('PATCH', '/api/settings', { token: admin.token, body: { sla: { medium: { first_response_minutes: 30 } } } });
    const send = (message: string) => {
      const raw = JSON.stringify({ customer_external_id: 'c-1', message });
      return env.request('POST', '/api/channel/webhook', { raw, headers: { ...channelHeaders(channel, raw, { at: clock.now() }), 'content-type': 'application/json' } });
    };
    const first = await send('Hello?');
    expect(first.status).toBe(202);
    await advance(1);
    expect((await send('Anyone there?')).body.ticket_id).toBe(first.body.ticket_id);
    expect((await getTicket(first.body.ticket_id)).sla).toMatchObject({ first_responded_at: null, breached: [] });
    await advance(1);
    await env.request('POST', `/api/tickets/${first.body.ticket_id}/conversations`, { token: agent.token, body: { message: 'Here' } });
    expect((await getTicket(first.body.ticket_id)).sla.first_responded_at).toBe(clock.now().toISOString());
    await env.request('PATCH', '/api/settings', { token: admin.token, body: { sla: { high: { first_response_minutes: 30, resolution_minutes: 240 } } } });
  });

  it('is the first staff message whatever the status: on a resolved ticket too, which stays resolved', async () => {
    const ticket = await newTicket();
    expect((await setStatus(ticket.id, 'resolved')).status).toBe(200);
    await advance(3);
    expect((await env.request('POST', `/api/tickets/${ticket.id}/conversations`, { token: admin.token, body: { message: 'Done' } })).status).toBe(201);
    expect(await getTicket(ticket.id)).toMatchObject({ status: 'resolved', sla: { first_responded_at: clock.now().toISOString(), breached: [] } });
  });
});

describe('sla.breached', () => {
  it('is an admin event, sent once per breach; agents do not get it', async () => {
    const ticket = await newTicket();
    await advance(31);
    const [adminStream, agentStream] = [await stream(admin.token), await stream(agent.token)];
    await env.sweepSla();
    await env.sweepSla();
    await env.request('POST', `/api/tickets/${ticket.id}/conversations`, { token: admin.token, body: { message: 'Sorry for the wait' } });
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
    const res = await env.request('GET', '/api/reports/support', { token: admin.token });
    expect(res.body).toMatchObject({ from: new Date(ms - 7 * 1440 * minute).toISOString(), to: new Date(ms).toISOString() });
    const from = new Date(ms - 60 * minute).toISOString();
    expect((await env.request('GET', `/api/reports/support?from=${from}`, { token: admin.token })).body).toMatchObject({ from, to: new Date(ms).toISOString() });
  });
});
