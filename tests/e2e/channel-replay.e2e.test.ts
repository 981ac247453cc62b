import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelHeaders, type SigningChannel } from '../support/channel-signing.ts';
import { startHttpApp, type HttpTestEnv, type Staff } from '../support/http-app.ts';

let env: HttpTestEnv;
let admin: Staff;

beforeAll(async () => {
  env = await startHttpApp({ env: { CHANNEL_RATE_LIMIT_PER_MINUTE: '3' } });
  admin = (await env.tenant()).admin;
});
afterAll(() => env.close());

const newChannel = async (): Promise<SigningChannel & { id: string }> =>
  (await env.request('POST', '/api/channels', { token: admin.token, body: { name: 'Replay' } })).body;
const send = (raw: string, headers: Record<string, string>) =>
  env.request('POST', '/api/channel/webhook', { raw, headers: { ...headers, 'content-type': 'application/json' } });
const deliver = (channel: SigningChannel, body: unknown, options: { id?: string; at?: Date } = {}) => {
  const raw = JSON.stringify(body);
  return send(raw, channelHeaders(channel, raw, options));
};
const messagesOf = async (ticketId: string) => (await env.request('GET', `/api/tickets/${ticketId}/conversations`, { token: admin.token })).body.data;
const customerExists = async (externalId: string) =>
  (await env.request('GET', '/api/customers?limit=100', { token: admin.token })).body.data.some((c: { external_id: string }) => c.external_id === externalId);

describe('channel webhook: replays and redeliveries', () => {
  it('refuses a timestamp more than 5 minutes away with 401 and no effect', async () => {
    const channel = await newChannel();
    for (const offset of [-301_000, 301_000]) {
      const res = await deliver(channel, { customer_external_id: `stale${offset}`, message: 'late' }, { at: new Date(Date.now() + offset) });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
      expect(await customerExists(`stale${offset}`)).toBe(false);
    }
    expect((await deliver(channel, { customer_external_id: 'recent', message: 'ok' }, { at: new Date(Date.now() - 240_000) })).status).toBe(202);
  });

  it('refuses the older X-Signature alone', async () => {
    const channel = await newChannel();
    const raw = JSON.stringify({ customer_external_id: 'old-style', message: 'hi' });
    const legacy = `sha256=${createHmac('sha256', channel.secret).update(raw).digest('hex')}`;
    const res = await send(raw, { 'x-channel-key': channel.key, 'x-signature': legacy });
    expect(res.status).toBe(401);
    expect(await customerExists('old-style')).toBe(false);
  });

  it('answers a redelivery with the first body and stores nothing again, even with another body', async () => {
    const channel = await newChannel();
    const first = await deliver(channel, { customer_external_id: 'again', message: 'once' }, { id: 'msg_same' });
    expect(first.status).toBe(202);
    const again = await deliver(channel, { customer_external_id: 'again', message: 'once' }, { id: 'msg_same' });
    const altered = await deliver(channel, { customer_external_id: 'someone-else', message: 'twice' }, { id: 'msg_same' });
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(altered.body).toEqual(first.body);
    expect(await messagesOf(first.body.ticket_id)).toHaveLength(1);
    expect(await customerExists('someone-else')).toBe(false);
  });

  it('keeps one effect when the same delivery arrives many times at once', async () => {
    const channel = await newChannel();
    const answers = await Promise.all(Array.from({ length: 8 }, () => deliver(channel, { customer_external_id: 'burst', message: 'hello' }, { id: 'msg_burst' })));
    const accepted = answers.filter((a) => a.status === 202);
    // At most the rate limit's 3 are counted; every answered 202 carries the one result.
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    expect(new Set(accepted.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(answers.every((a) => a.status === 202 || a.status === 429)).toBe(true);
    expect(await messagesOf(accepted[0]!.body.ticket_id)).toHaveLength(1);
  });

  it('does not count redeliveries against the rate limit', async () => {
    const channel = await newChannel();
    const first = await deliver(channel, { customer_external_id: 'counted', message: 'm' }, { id: 'msg_counted' });
    for (let i = 0; i < 5; i++) expect((await deliver(channel, { customer_external_id: 'counted', message: 'm' }, { id: 'msg_counted' })).body).toEqual(first.body);
    expect((await deliver(channel, { customer_external_id: 'n1', message: 'm' })).status).toBe(202);
    expect((await deliver(channel, { customer_external_id: 'n2', message: 'm' })).status).toBe(202);
    expect((await deliver(channel, { customer_external_id: 'n3', message: 'm' })).status).toBe(429);
  });

  it('takes the same webhook-id on another channel as a new delivery', async () => {
    const [one, two] = [await newChannel(), await newChannel()];
    const a = await deliver(one, { customer_external_id: 'shared-id', message: 'a' }, { id: 'msg_shared' });
    const b = await deliver(two, { customer_external_id: 'shared-id', message: 'b' }, { id: 'msg_shared' });
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(b.body.ticket_id).not.toBe(a.body.ticket_id);
    expect(b.body.customer_id).toBe(a.body.customer_id);
  });

  it('does not remember a delivery it refused for its body', async () => {
    const channel = await newChannel();
    expect((await deliver(channel, { message: 'no customer' }, { id: 'msg_fixed' })).status).toBe(422);
    const fixed = await deliver(channel, { customer_external_id: 'fixed', message: 'now with a customer' }, { id: 'msg_fixed' });
    expect(fixed.status).toBe(202);
    expect(await customerExists('fixed')).toBe(true);
  });
});
