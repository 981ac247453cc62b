import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Received, type WebhookReceiver } from '../../support/webhook-receiver.ts';
import { startWebhookWorld, type WebhookWorld } from '../../support/webhook-world.ts';

// Real HTTP both ways on SQLite: the API, the webhook jobs (driven by the test on a movable clock), a local receiver.
let world: WebhookWorld;
let receiver: WebhookReceiver;

beforeAll(async () => {
  world = await startWebhookWorld({ timeoutMs: 500 });
});
afterAll(() => world.close());
afterEach(() => receiver?.close());

const subscribe = async (events: string[] = ['*'], url?: string) => {
  receiver = await startReceiver();
  const res = await world.env.request('POST', '/api/webhooks', { token: world.admin.token, body: { url: url ?? receiver.url, events } });
  expect(res.status).toBe(201);
  return res.body as { id: string; secret: string };
};

const deliveries = async (webhookId: string) => (await world.env.request('GET', `/api/webhooks/${webhookId}/deliveries`, { token: world.admin.token })).body.data;

const headersOf = (r: Received): Record<string, string> => ({
  'webhook-id': String(r.headers['webhook-id']),
  'webhook-timestamp': String(r.headers['webhook-timestamp']),
  'webhook-signature': String(r.headers['webhook-signature']),
});

/** Whether one of the delivery's signatures is the one `standardwebhooks` computes with `secret` (any timestamp). */
const signedWith = (secret: string, r: Received): boolean => {
  const h = headersOf(r);
  const expected = new Webhook(secret).sign(h['webhook-id'] as string, new Date(Number(h['webhook-timestamp']) * 1000), r.body);
  return (h['webhook-signature'] as string).split(' ').includes(expected);
};

const post = (path: string, body: unknown) => world.env.request('POST', path, { token: world.admin.token, body });

describe('signed delivery', () => {
  it('POSTs the envelope, signed the Standard Webhooks way (verified with standardwebhooks)', async () => {
    const hook = await subscribe(['ticket.created']);
    const ticketId = await world.ticket('Signed');
    await world.deliver();
    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received as [Received];
    expect(got.headers['content-type']).toBe('application/json');
    expect(new Webhook(hook.secret).verify(got.body, headersOf(got))).toMatchObject({ type: 'ticket.created', sequence: 1 });
    expect(got.json).toMatchObject({ type: 'ticket.created', tenant_id: world.admin.tenantId, sequence: 1, data: { ticket: { id: ticketId, title: 'Signed' } } });
    expect(got.headers['webhook-id']).toBe(got.json.id);
    expect(Math.abs(Number(got.headers['webhook-timestamp']) - world.clock.now().getTime() / 1000)).toBeLessThan(2);
    const [logged] = await deliveries(hook.id);
    expect(logged).toMatchObject({ event_id: got.json.id, type: 'ticket.created', status: 'delivered', attempts: 1, last_status_code: 200, last_error: null, next_attempt_at: null });
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(got.body, headersOf(got))).toThrow();
  });

  it('sends only the subscribed types, and nothing twice when the jobs run again', async () => {
    await subscribe(['message.created']);
    const ticketId = await world.ticket();
    await post(`/api/tickets/${ticketId}/conversations`, { message: 'hi 👋' });
    await world.deliver();
    await world.deliver();
    expect(receiver.received.map((r) => r.json.type)).toEqual(['message.created']);
    expect(receiver.received[0]?.json.data).toMatchObject({ ticket_id: ticketId, message: { message: 'hi 👋' } });
  });
});

describe('retries with backoff', () => {
  it('retries a 500 about 5 s later, keeping only a short excerpt of the answer', async () => {
    const hook = await subscribe(['ticket.created']);
    receiver.answer({ status: 500, body: `oops ${'x'.repeat(100_000)}` });
    await world.ticket();
    await world.deliver();
    const [failed] = await deliveries(hook.id);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, last_status_code: 500 });
    expect(failed.last_error).toMatch(/^HTTP 500: oops x+$/);
    expect(failed.last_error.length).toBeLessThanOrEqual(220);
    expect(new Date(failed.next_attempt_at).getTime() - world.clock.now().getTime()).toBe(5_000);
    await world.deliver();
    expect(receiver.received).toHaveLength(1);
    world.clock.advance(5_000);
    await world.deliver();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]?.headers['webhook-id']).toBe(receiver.received[0]?.headers['webhook-id']);
    expect((await deliveries(hook.id))[0]).toMatchObject({ status: 'delivered', attempts: 2, last_status_code: 200, last_error: null });
  });

  it('retries after a timeout and after a refused connection', async () => {
    const hook = await subscribe(['ticket.created']);
    receiver.answer('hang');
    await world.ticket();
    await world.deliver();
    expect((await deliveries(hook.id))[0]).toMatchObject({ status: 'pending', attempts: 1, last_status_code: null, last_error: 'timed out' });
    const closed = receiver.url;
    await receiver.close();
    const refused = await world.env.request('POST', '/api/webhooks', { token: world.admin.token, body: { url: closed, events: ['ticket.created'] } });
    await world.ticket();
    world.clock.advance(5_000);
    await world.deliver();
    const [attempt] = await deliveries(refused.body.id);
    expect(attempt).toMatchObject({ status: 'pending', attempts: 1, last_status_code: null });
    expect(attempt.last_error).toContain('ECONNREFUSED');
    await world.env.request('DELETE', `/api/webhooks/${hook.id}`, { token: world.admin.token });
    await world.env.request('DELETE', `/api/webhooks/${refused.body.id}`, { token: world.admin.token });
  });

  it('does not follow a redirect: a 3xx is a failed attempt', async () => {
    const hook = await subscribe(['ticket.created']);
    receiver.answer({ status: 302, body: '' });
    await world.ticket();
    await world.deliver();
    expect(receiver.received).toHaveLength(1);
    expect((await deliveries(hook.id))[0]).toMatchObject({ status: 'pending', last_status_code: 302, last_error: 'HTTP 302' });
  });
});

describe('per-ticket order', () => {
  it("holds a ticket's later events while an earlier one is retried; other tickets go on", async () => {
    await subscribe(['*']);
    receiver.answer({ status: 503 });
    const first = await world.ticket('first');
    await post(`/api/tickets/${first}/conversations`, { message: 'one' });
    await post(`/api/tickets/${first}/conversations`, { message: 'two' });
    await world.deliver();
    expect(receiver.received.map((r) => [r.json.type, r.json.sequence])).toEqual([['ticket.created', 1]]);
    const second = await world.ticket('second');
    await world.deliver();
    expect(receiver.received.map((r) => r.json.data.ticket?.id ?? r.json.data.ticket_id)).toEqual([first, second]);
    world.clock.advance(5_000);
    await world.deliver();
    const ofFirst = receiver.received.filter((r) => (r.json.data.ticket?.id ?? r.json.data.ticket_id) === first).map((r) => r.json.sequence);
    expect(ofFirst).toEqual([1, 1, 2, 3]);
  });
});
