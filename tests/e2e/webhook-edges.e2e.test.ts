import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWebhookSecret } from '../../adapters/crypto/standard-webhooks.ts';
import { channelHeaders } from '../support/channel-signing.ts';
import { startHttpApp, type HttpTestEnv, type Staff } from '../support/http-app.ts';

let env: HttpTestEnv;
let admin: Staff;

beforeAll(async () => {
  env = await startHttpApp();
  admin = (await env.tenant()).admin;
});
afterAll(() => env.close());

const overLimit = JSON.stringify({ customer_external_id: 'big', message: 'x'.repeat(1024 * 1024) });
const deep = `{"customer_external_id":"d","message":"m","x":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;

/** Bodies that are refused for what they are, each with its status once the sender is authenticated. */
const badBodies: ReadonlyArray<{ readonly name: string; readonly raw: string; readonly type: string; readonly status: number }> = [
  { name: 'malformed JSON', raw: '{"customer_external_id": ', type: 'application/json', status: 400 },
  { name: 'a form', raw: 'customer_external_id=a&message=b', type: 'application/x-www-form-urlencoded', status: 415 },
  { name: 'a +json type', raw: '{"customer_external_id":"a","message":"b"}', type: 'application/vnd.api+json', status: 415 },
  { name: 'a __proto__ key', raw: '{"customer_external_id":"a","message":"b","__proto__":{"x":1}}', type: 'application/json', status: 422 },
  { name: '20,000 levels of nesting', raw: deep, type: 'application/json', status: 422 },
];

describe('channel webhook: the signature is checked before the body is judged', () => {
  let channel: { id: string; key: string; secret: string };
  beforeAll(async () => {
    channel = (await env.request('POST', '/api/channels', { token: admin.token, body: { name: 'edge' } })).body;
  });

  const send = (raw: string, type: string, headers: Record<string, string>) =>
    env.request('POST', '/api/channel/webhook', { raw, headers: { 'content-type': type, ...headers } });
  const ticketCount = async () => (await env.request('GET', '/api/tickets?limit=100', { token: admin.token })).body.data.length;

  it.each(badBodies)('$name: 401 with a bad key or signature, its own status when correctly signed', async ({ raw, type, status }) => {
    const unknownKey = await send(raw, type, channelHeaders({ key: 'no-such-key', secret: channel.secret }, raw));
    expect(unknownKey.status).toBe(401);
    expect(unknownKey.body.error.code).toBe('unauthenticated');
    const badSignature = await send(raw, type, channelHeaders({ key: channel.key, secret: newWebhookSecret() }, raw));
    expect(badSignature.status).toBe(401);
    expect((await send(raw, type, { 'x-channel-key': channel.key })).status).toBe(401);
    const signed = await send(raw, type, channelHeaders(channel, raw));
    expect(signed.status).toBe(status);
  });

  it('answers an over-limit body 401 whatever the key: it is never buffered, so it cannot be verified', async () => {
    const before = await ticketCount();
    for (const key of ['no-such-key', channel.key]) {
      const res = await send(overLimit, 'application/json', channelHeaders({ key, secret: channel.secret }, overLimit));
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
    }
    expect(await ticketCount()).toBe(before);
  });

  it('still takes a correctly signed message', async () => {
    const raw = JSON.stringify({ customer_external_id: 'edge-1', message: 'hello' });
    expect((await send(raw, 'application/json; charset=utf-8', channelHeaders(channel, raw))).status).toBe(202);
  });
});

describe('Qiscus webhooks: token, then the body, then the app claim, then room_id', () => {
  const appCode = 'edge-app-code';
  let token: string;
  beforeAll(async () => {
    const res = await env.request('PUT', '/api/integrations/qiscus', { token: admin.token, body: { app_code: appCode, secret_key: 'secret' } });
    expect(res.status).toBe(200);
    token = res.body.webhook_token;
  });

  const paths = ['/api/v1/webhook/agent_allocation', '/api/v1/webhook/mark_as_resolved'];
  const send = (path: string, tokenValue: string, raw: string, type = 'application/json') =>
    env.request('POST', `${path}?token=${encodeURIComponent(tokenValue)}`, { raw, headers: { 'content-type': type } });

  it.each(paths)('%s: unknown token 401 whatever the body', async (path) => {
    for (const { raw, type } of [...badBodies, { raw: overLimit, type: 'application/json' }]) {
      const res = await send(path, `${token}x`, raw, type);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
    }
  });

  it.each(paths)('%s: with a good token, body problems get their own codes', async (path) => {
    for (const { name, raw, type, status } of badBodies) expect((await send(path, token, raw, type)).status, name).toBe(status);
    const big = await send(path, token, JSON.stringify({ app_id: appCode, room_id: '1', pad: 'x'.repeat(1024 * 1024) }));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('payload_too_large');
  });

  it.each(paths)('%s: then a payload not claiming the app 401, then no room_id 422', async (path) => {
    for (const raw of ['{"app_id":"other","room_id":"1"}', `{"app_id":"${appCode}","app_code":"other","room_id":"1"}`, '{"room_id":"1"}', '[]', '']) {
      expect((await send(path, token, raw)).status, raw).toBe(401);
    }
    const noRoom = await send(path, token, `{"app_id":"${appCode}"}`);
    expect(noRoom.status).toBe(422);
    expect(noRoom.body.error.code).toBe('validation_failed');
  });
});
