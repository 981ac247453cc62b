import { Effect } from 'effect';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PruneEventsUseCase } from '../../core/events/prune-events.use-case.ts';
import { openSse, type SseEvent, type SseStream } from '../support/sse-client.ts';
import { startHttpApp, type HttpTestEnv, type Staff } from '../support/http-app.ts';

// API.md "Live events (server-sent events)", over real HTTP.
let env: HttpTestEnv;
let admin: Staff;
let agent: Staff;
let customerId: string;
const open: SseStream[] = [];

const stream = async (path = '/api/events', headers: Record<string, string> = {}, token: string | null = admin.token): Promise<SseStream> => {
  const s = await openSse(env.baseUrl + path, token === null ? headers : { authorization: `Bearer ${token}`, ...headers });
  open.push(s);
  return s;
};
const envelopes = (events: ReadonlyArray<SseEvent>) => events.filter((e) => e.event !== 'reset').map((e) => JSON.parse(e.data));
const newTicket = async (title = 'Help', token = admin.token) =>
  (await env.request('POST', '/api/tickets', { token, body: { title, customer_id: customerId, auto_assign: false } })).body;
const post = (ticketId: string, message: string, token = admin.token) => env.request('POST', `/api/tickets/${ticketId}/conversations`, { token, body: { message } });

beforeAll(async () => {
  env = await startHttpApp({ env: { EVENT_HEARTBEAT_MS: '40', EVENT_STREAMS_PER_USER: '3' } });
  admin = (await env.tenant()).admin;
  agent = await env.staff(admin, 'agent');
  customerId = (await env.request('POST', '/api/customers', { token: admin.token, body: { name: 'Sari' } })).body.id;
});
afterAll(async () => {
  for (const s of open) s.close();
  await env.close();
});

describe('GET /api/events', () => {
  it('streams each event as id / event / data with the envelope, in ascending id order', async () => {
    const s = await stream();
    expect(s.status).toBe(200);
    expect(s.headers['content-type']).toMatch(/^text\/event-stream/);
    const ticket = await newTicket('Ordered');
    await post(ticket.id, 'first');
    await post(ticket.id, 'second');
    const got = envelopes(await s.waitForEvents(3));
    expect(got.map((e) => e.type)).toEqual(['ticket.created', 'message.created', 'message.created']);
    expect(got.map((e) => e.sequence)).toEqual([1, 2, 3]);
    expect(got[0]).toMatchObject({ tenant_id: admin.tenantId, data: { ticket: { id: ticket.id, title: 'Ordered' } } });
    expect(got[2].data).toMatchObject({ ticket_id: ticket.id, message: { message: 'second' } });
    expect(s.events.map((e) => e.id)).toEqual(got.map((e) => e.id));
    expect([...got.map((e) => e.id)].sort()).toEqual(got.map((e) => e.id));
    s.close();
  });

  it('keeps the order of events committed concurrently', async () => {
    const s = await stream();
    const ticket = await newTicket('Burst');
    await Promise.all(Array.from({ length: 30 }, (_, i) => post(ticket.id, `m${i}`)));
    const got = envelopes(await s.waitForEvents(31));
    const ids = got.map((e) => e.id);
    expect(new Set(ids).size).toBe(31);
    expect([...ids].sort()).toEqual(ids);
    expect(got.slice(1).map((e) => e.sequence)).toEqual(Array.from({ length: 30 }, (_, i) => i + 2));
    s.close();
  });

  it('sends a comment line on every heartbeat', async () => {
    const s = await stream();
    await s.waitFor(() => s.comments.filter((c) => c === 'heartbeat').length >= 3, 3000, 'three heartbeats');
    expect(s.events).toEqual([]);
    s.close();
  });

  it('answers 401 without a token, with a bad one and with a refresh token', async () => {
    for (const headers of [{}, { authorization: 'Bearer nope' }, { authorization: `Bearer ${admin.refreshToken}` }] as Array<Record<string, string>>) {
      const res = await env.request('GET', '/api/events', { headers });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
    }
  });
});

describe('stream tickets', () => {
  it('open one stream once, for admins and agents alike; a spent or unknown ticket is 401', async () => {
    for (const who of [admin, agent]) {
      const issued = await env.request('POST', '/api/events/ticket', { token: who.token });
      expect(issued.status).toBe(201);
      expect(issued.body).toEqual({ ticket: expect.any(String), expires_in: 60 });
      const s = await stream(`/api/events?ticket=${encodeURIComponent(issued.body.ticket)}`, {}, null);
      expect(s.status).toBe(200);
      s.close();
      const again = await env.request('GET', `/api/events?ticket=${encodeURIComponent(issued.body.ticket)}`);
      expect(again.status).toBe(401);
      expect(again.body.error.code).toBe('unauthenticated');
    }
    expect((await env.request('GET', '/api/events?ticket=not-a-ticket')).status).toBe(401);
    expect((await env.request('POST', '/api/events/ticket')).status).toBe(401);
  });

  it('can be redeemed only once when many try at the same moment', async () => {
    const { ticket } = (await env.request('POST', '/api/events/ticket', { token: agent.token })).body;
    const tries = await Promise.all(Array.from({ length: 8 }, () => stream(`/api/events?ticket=${encodeURIComponent(ticket)}`, {}, null)));
    expect(tries.filter((s) => s.status === 200)).toHaveLength(1);
    expect(tries.filter((s) => s.status === 401)).toHaveLength(7);
    for (const s of tries) s.close();
  });
});

describe('resuming', () => {
  it('replays every later event after Last-Event-ID (header or query), then goes on live, without gap or duplicate', async () => {
    const first = await stream();
    const ticket = await newTicket('Resume');
    await post(ticket.id, 'a');
    const seen = await first.waitForEvents(2);
    first.close();
    await post(ticket.id, 'b');
    await post(ticket.id, 'c');
    const resumes: Array<{ headers: Record<string, string>; path: string }> = [
      { headers: { 'last-event-id': seen[0]!.id! }, path: '/api/events' },
      { headers: {}, path: `/api/events?last_event_id=${seen[0]!.id}` },
    ];
    for (const resume of resumes) {
      const again = await stream(resume.path, resume.headers);
      const replayed = envelopes(await again.waitForEvents(3));
      expect(replayed.map((e) => e.data.message?.message)).toEqual(['a', 'b', 'c']);
      again.close();
    }
    const live = await stream('/api/events', { 'last-event-id': seen[1]!.id! });
    await post(ticket.id, 'd');
    const rest = envelopes(await live.waitForEvents(3));
    expect(rest.map((e) => e.data.message.message)).toEqual(['b', 'c', 'd']);
    live.close();
  });

  it('the header wins over the query parameter', async () => {
    const s = await stream();
    const ticket = await newTicket('Header wins');
    await post(ticket.id, 'x');
    const [created, message] = await s.waitForEvents(2);
    s.close();
    const again = await stream(`/api/events?last_event_id=${created!.id}`, { 'last-event-id': message!.id! });
    await post(ticket.id, 'y');
    const [next] = envelopes(await again.waitForEvents(1));
    expect(next.data.message.message).toBe('y');
    again.close();
  });

  it('sends one event: reset with data {} first for an unknown id or another tenant\'s, then follows live', async () => {
    const other = await env.tenant();
    const s0 = await stream('/api/events', {}, other.admin.token);
    await env.request('POST', '/api/customers', { token: other.admin.token, body: { name: 'B' } });
    const otherCustomer = (await env.request('POST', '/api/customers', { token: other.admin.token, body: { name: 'B2' } })).body.id;
    await env.request('POST', '/api/tickets', { token: other.admin.token, body: { title: 'B', customer_id: otherCustomer, auto_assign: false } });
    const [foreign] = await s0.waitForEvents(1);
    s0.close();
    for (const id of ['garbage', '999999999999.' + admin.tenantId, foreign!.id!]) {
      const s = await stream('/api/events', { 'last-event-id': id });
      const ticket = await newTicket(`After reset ${id.slice(0, 6)}`);
      const [reset, next] = await s.waitForEvents(2);
      expect(reset).toEqual({ id: null, event: 'reset', data: '{}' });
      expect(JSON.parse(next!.data)).toMatchObject({ type: 'ticket.created', data: { ticket: { id: ticket.id } } });
      expect(s.events.filter((e) => e.event === 'reset')).toHaveLength(1);
      s.close();
    }
  });

  it('resets an id whose event was pruned', async () => {
    const own = await startHttpApp();
    try {
      const t = await own.tenant();
      const c = (await own.request('POST', '/api/customers', { token: t.admin.token, body: { name: 'P' } })).body.id;
      const s = await openSse(own.baseUrl + '/api/events', { authorization: `Bearer ${t.admin.token}` });
      await own.request('POST', '/api/tickets', { token: t.admin.token, body: { title: 'Old', customer_id: c, auto_assign: false } });
      const [old] = await s.waitForEvents(1);
      s.close();
      // Pruning at a clock 25 hours ahead drops everything recorded now (events are kept 24 hours).
      const pruned = await Effect.runPromise(new PruneEventsUseCase({ uow: own.uow, clock: { now: () => new Date(Date.now() + 25 * 3600_000) } }).execute());
      expect(pruned).toBeGreaterThan(0);
      const again = await openSse(own.baseUrl + '/api/events', { authorization: `Bearer ${t.admin.token}`, 'last-event-id': old!.id! });
      await own.request('POST', '/api/tickets', { token: t.admin.token, body: { title: 'New', customer_id: c, auto_assign: false } });
      const [reset, next] = await again.waitForEvents(2);
      expect(reset!.event).toBe('reset');
      expect(JSON.parse(next!.data).data.ticket.title).toBe('New');
      again.close();
    } finally {
      await own.close();
    }
  });
});

describe('who sees what', () => {
  it("never sends another tenant's events", async () => {
    const other = await env.tenant();
    const theirs = await stream('/api/events', {}, other.admin.token);
    const mine = await stream();
    const ticket = await newTicket('Mine only');
    await mine.waitForEvents(1);
    const otherCustomer = (await env.request('POST', '/api/customers', { token: other.admin.token, body: { name: 'O' } })).body.id;
    const theirTicket = (await env.request('POST', '/api/tickets', { token: other.admin.token, body: { title: 'Theirs', customer_id: otherCustomer, auto_assign: false } })).body;
    const [got] = envelopes(await theirs.waitForEvents(1));
    expect(got.data.ticket.id).toBe(theirTicket.id);
    expect(got.tenant_id).toBe(other.tenantId);
    expect(theirs.events.some((e) => e.data.includes(ticket.id))).toBe(false);
    expect(mine.events.some((e) => e.data.includes(theirTicket.id))).toBe(false);
    theirs.close();
    mine.close();
  });

  it('gives an agent ticket, message and availability events', async () => {
    const s = await stream('/api/events', {}, agent.token);
    const ticket = await newTicket('For agents');
    await post(ticket.id, 'hello', agent.token);
    await env.request('PATCH', '/api/me/availability', { token: agent.token, body: { availability: 'online' } });
    const got = envelopes(await s.waitForEvents(3));
    expect(got.map((e) => e.type)).toEqual(['ticket.created', 'message.created', 'agent.availability_changed']);
    s.close();
  });
});

describe('limits and closing', () => {
  it('allows EVENT_STREAMS_PER_USER streams per user; one more is 429 rate_limited with Retry-After; a closed one frees its place', async () => {
    const user = await env.staff(admin, 'agent');
    const three = [await stream('/api/events', {}, user.token), await stream('/api/events', {}, user.token), await stream('/api/events', {}, user.token)];
    expect(three.map((s) => s.status)).toEqual([200, 200, 200]);
    const fourth = await env.request('GET', '/api/events', { token: user.token });
    expect(fourth.status).toBe(429);
    expect(fourth.body.error.code).toBe('rate_limited');
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await stream('/api/events', {}, agent.token)).status).toBe(200);
    three[0]!.close();
    await three[0]!.ended;
    let status = 0;
    for (let i = 0; i < 100 && status !== 200; i++) {
      const s = await stream('/api/events', {}, user.token);
      status = s.status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 20));
    }
    expect(status).toBe(200);
  });

  it("closes a deactivated user's streams", async () => {
    const user = await env.staff(admin, 'agent');
    const s = await stream('/api/events', {}, user.token);
    expect(s.status).toBe(200);
    const started = Date.now();
    expect((await env.request('PATCH', `/api/users/${user.id}`, { token: admin.token, body: { active: false } })).status).toBe(200);
    await s.ended;
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('applies a role change to open streams', async () => {
    const user = await env.staff(admin, 'admin');
    const s = await stream('/api/events', {}, user.token);
    await env.request('PATCH', `/api/users/${user.id}`, { token: admin.token, body: { role: 'agent' } });
    await env.request('PATCH', `/api/users/${user.id}`, { token: admin.token, body: { role: 'admin' } });
    const ticket = await newTicket('Still streaming');
    const got = envelopes(await s.waitForEvents(1));
    expect(got[0].data.ticket.id).toBe(ticket.id);
    s.close();
  });
});

describe('a stream opened with a bearer token', () => {
  const expiryOf = (token: string): number => (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number }).exp * 1000;

  it('ends when the token expires, while a stream on a later token goes on; a token already expired (in the clock leeway) opens none', async () => {
    let ms = Date.now();
    const own = await startHttpApp({ clock: { now: () => new Date(ms) } });
    try {
      const t = await own.tenant();
      const expiresAt = expiryOf(t.admin.token);
      ms = expiresAt - 300;
      const later = await own.staff(t.admin, 'agent');
      const ending = await openSse(own.baseUrl + '/api/events', { authorization: `Bearer ${t.admin.token}` });
      const going = await openSse(own.baseUrl + '/api/events', { authorization: `Bearer ${later.token}` });
      expect([ending.status, going.status]).toEqual([200, 200]);
      const opened = Date.now();
      await Promise.race([ending.ended, new Promise((resolve) => setTimeout(resolve, 3000))]);
      const lasted = Date.now() - opened;
      expect(lasted).toBeGreaterThanOrEqual(250);
      expect(lasted).toBeLessThan(1500);
      expect(ending.comments).toContain('access token expired');
      expect(own.app.events.streams).toBe(1);
      await own.request('PATCH', '/api/me/availability', { token: later.token, body: { availability: 'online' } });
      const [next] = envelopes(await going.waitForEvents(1));
      expect(next).toMatchObject({ type: 'agent.availability_changed', tenant_id: t.tenantId });
      // 10 s past its expiry the token still passes on ordinary requests (clock leeway), but a stream would end at once.
      ms = expiresAt + 10_000;
      expect((await own.request('GET', '/api/me', { token: t.admin.token })).status).toBe(200);
      const refused = await own.request('GET', '/api/events', { token: t.admin.token });
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('unauthenticated');
      going.close();
    } finally {
      await own.close();
    }
  });
});

describe('back-pressure and shutdown', () => {
  it('disconnects a client that does not read instead of buffering without bound; it can resume', async () => {
    const own = await startHttpApp({ env: { EVENT_STREAM_BUFFER_BYTES: '65536' } });
    try {
      const t = await own.tenant();
      const c = (await own.request('POST', '/api/customers', { token: t.admin.token, body: { name: 'Slow' } })).body.id;
      const ticket = (await own.request('POST', '/api/tickets', { token: t.admin.token, body: { title: 'Big', customer_id: c, auto_assign: false } })).body;
      const { port } = new URL(own.baseUrl);
      const socket = connect(Number(port), '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.pause();
      socket.write(`GET /api/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${t.admin.token}\r\n\r\n`);
      await vi.waitFor(() => expect(own.app.events.streams).toBe(1));
      const big = 'x'.repeat(10_000);
      // Far more than the socket buffers hold: the server's own buffer passes 64 KiB and it lets the client go.
      for (let i = 0; i < 80 && own.app.events.streams > 0; i++) await Promise.all(Array.from({ length: 10 }, () => own.request('POST', `/api/tickets/${ticket.id}/conversations`, { token: t.admin.token, body: { message: big } })));
      expect(own.app.events.streams).toBe(0);
      socket.destroy();
      const again = await openSse(own.baseUrl + '/api/events', { authorization: `Bearer ${t.admin.token}`, 'last-event-id': `${'1'.padStart(12, '0')}.${t.tenantId}` });
      const replayed = await again.waitForEvents(20);
      expect(replayed.every((e) => e.event === 'message.created')).toBe(true);
      again.close();
    } finally {
      await own.close();
    }
  });

  it('ends every stream when the app shuts down', async () => {
    const own = await startHttpApp();
    const t = await own.tenant();
    const streams = [await openSse(own.baseUrl + '/api/events', { authorization: `Bearer ${t.admin.token}` }), await openSse(own.baseUrl + '/api/events', { authorization: `Bearer ${t.admin.token}` })];
    own.app.beginShutdown();
    await Promise.all(streams.map((s) => s.ended));
    expect(own.app.events.streams).toBe(0);
    const refused = await own.request('GET', '/api/events', { token: t.admin.token });
    expect(refused.status).toBe(503);
    await own.close();
  });
});
