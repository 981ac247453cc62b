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

describe('redelivery, rotation, deactivation', () => {
  it('redelivers on request (202): the same event once more, with the same webhook-id', async () => {
    const hook = await subscribe(['ticket.created']);
    await world.ticket();
    await world.deliver();
    const [done] = await deliveries(hook.id);
    const res = await post(`/api/webhooks/${hook.id}/deliveries/${done.id}/redeliver`, undefined);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ id: done.id, status: 'pending' });
    await world.deliver();
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([done.event_id, done.event_id]);
    expect((await deliveries(hook.id))[0]).toMatchObject({ status: 'delivered', attempts: 2 });
    expect((await post(`/api/webhooks/${hook.id}/deliveries/no-such/redeliver`, undefined)).status).toBe(404);
  });

  it('signs with the old and the new secret for 24 hours after a rotation, then with the new one only', async () => {
    const hook = await subscribe(['ticket.created']);
    const rotated = (await post(`/api/webhooks/${hook.id}/rotate-secret`, undefined)).body.secret as string;
    await world.ticket();
    await world.deliver();
    const [during] = receiver.received as [Received];
    expect(new Webhook(rotated).verify(during.body, headersOf(during))).toBeTruthy();
    expect(new Webhook(hook.secret).verify(during.body, headersOf(during))).toBeTruthy();
    world.clock.advance(24 * 3600_000);
    await world.ticket();
    await world.deliver();
    const after = receiver.received[1] as Received;
    expect(signedWith(rotated, after)).toBe(true);
    expect(signedWith(hook.secret, after)).toBe(false);
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
  });

  it('sends nothing to an inactive endpoint: its pending deliveries fail, events meanwhile are not kept, redelivery is 409', async () => {
    const hook = await subscribe(['ticket.created']);
    receiver.answer({ status: 500 });
    await world.ticket();
    await world.deliver();
    await world.env.request('PATCH', `/api/webhooks/${hook.id}`, { token: world.admin.token, body: { active: false } });
    const [dropped] = await deliveries(hook.id);
    expect(dropped).toMatchObject({ status: 'failed', last_error: 'endpoint deactivated', next_attempt_at: null });
    expect((await post(`/api/webhooks/${hook.id}/deliveries/${dropped.id}/redeliver`, undefined)).body.error.code).toBe('conflict');
    await world.ticket();
    world.clock.advance(5_000);
    await world.deliver();
    await world.env.request('PATCH', `/api/webhooks/${hook.id}`, { token: world.admin.token, body: { active: true } });
    world.clock.advance(5_000);
    await world.deliver();
    expect(receiver.received).toHaveLength(1);
    expect(await deliveries(hook.id)).toHaveLength(1);
    await world.ticket();
    await world.deliver();
    expect(receiver.received).toHaveLength(2);
  });

  it("drops a deleted endpoint's pending deliveries", async () => {
    const hook = await subscribe(['ticket.created']);
    receiver.answer({ status: 500 });
    await world.ticket();
    await world.deliver();
    await world.env.request('DELETE', `/api/webhooks/${hook.id}`, { token: world.admin.token });
    world.clock.advance(5_000);
    await world.deliver();
    expect(receiver.received).toHaveLength(1);
    expect((await world.env.request('GET', `/api/webhooks/${hook.id}/deliveries`, { token: world.admin.token })).status).toBe(404);
  });
});

describe('the outbound URL rule at delivery (OUTBOUND_ALLOW_PRIVATE_NETWORKS off for the jobs)', () => {
  let strict: WebhookWorld;
  beforeAll(async () => {
    strict = await startWebhookWorld({ deliverToPrivate: false });
  });
  afterAll(() => strict.close());

  it.each(['http://127.0.0.1:PORT/hook', 'http://localhost:PORT/hook', 'http://[::1]:PORT/hook', 'http://[::ffff:127.0.0.1]:PORT/hook'])(
    'refuses %s: nothing is sent, the attempt is logged',
    async (template) => {
      const local = await startReceiver();
      const url = template.replace('PORT', new URL(local.url).port);
      const res = await strict.env.request('POST', '/api/webhooks', { token: strict.admin.token, body: { url, events: ['ticket.created'] } });
      expect(res.status).toBe(201);
      await strict.ticket();
      await strict.deliver();
      expect(local.received).toHaveLength(0);
      const [attempt] = (await strict.env.request('GET', `/api/webhooks/${res.body.id}/deliveries`, { token: strict.admin.token })).body.data;
      expect(attempt).toMatchObject({ status: 'pending', attempts: 1, last_status_code: null });
      expect(attempt.last_error).toMatch(/^refused: /);
      await strict.env.request('DELETE', `/api/webhooks/${res.body.id}`, { token: strict.admin.token });
      await local.close();
    },
  );
});
