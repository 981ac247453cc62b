import { afterAll, beforeAll, expect, it } from 'vitest';
import { openSse, type SseStream } from '../../support/sse-client.ts';
import { systemDescribe, systemServices } from '../../support/system-services.ts';
import { runCliProcess } from '../../support/system-processes.ts';
import { call, inParallel, login } from '../../support/system-tenant.ts';
import { openSystem, type SystemWorld } from '../../support/system-world.ts';

// API.md "Live events" on MariaDB + RabbitMQ: two API processes and a worker; streams on both APIs.
const services = await systemServices();
const tickets = 40;
const messagesPerTicket = 4;
const produced = tickets * (1 + messagesPerTicket);

interface Envelope {
  readonly id: string;
  readonly type: string;
  readonly tenant_id: string;
  readonly sequence: number | null;
  readonly data: { readonly ticket?: { readonly id: string }; readonly ticket_id?: string };
}

const envelopes = (s: SseStream): Envelope[] => s.events.filter((e) => e.event !== 'reset').map((e) => JSON.parse(e.data) as Envelope);
const ticketOf = (e: Envelope): string => e.data.ticket?.id ?? e.data.ticket_id ?? '';

systemDescribe('live events across two API processes (MariaDB + RabbitMQ)', services, (ready) => {
  let world: SystemWorld;
  let api1: string;
  let api2: string;
  let adminA: string;
  let agentA: { id: string; token: string };
  let adminB: string;
  const open: SseStream[] = [];

  const stream = async (baseUrl: string, token: string, headers: Record<string, string> = {}): Promise<SseStream> => {
    const s = await openSse(`${baseUrl}/api/events`, { authorization: `Bearer ${token}`, ...headers });
    open.push(s);
    expect(s.status).toBe(200);
    return s;
  };
  /** A stream ticket issued by one API, redeemed on another. */
  const streamByTicket = async (issuer: string, server: string, token: string): Promise<SseStream> => {
    const issued = await call(issuer, 'POST', '/api/events/ticket', undefined, token);
    expect(issued.status).toBe(201);
    const s = await openSse(`${server}/api/events?ticket=${encodeURIComponent(issued.body.ticket)}`);
    open.push(s);
    expect(s.status).toBe(200);
    return s;
  };
  const newAgent = async (label: string) => {
    const email = `${label}-${world.prefix}@system.test`;
    const created = await call(api1, 'POST', '/api/users', { email, name: label, password: 'agent-password-1', role: 'agent' }, adminA);
    expect(created.status).toBe(201);
    return { id: created.body.id as string, token: await login(api2, email, 'agent-password-1') };
  };

  beforeAll(async () => {
    world = await openSystem(ready, { apis: 2, workers: 1 });
    [api1, api2] = world.apis.map((a) => a.baseUrl) as [string, string];
    adminA = await login(api1, world.tenant.adminEmail, world.tenant.adminPassword);
    agentA = await newAgent('agent-a');
    const emailB = `admin-b-${world.prefix}@system.test`;
    await runCliProcess(['tenant', 'create', '--name', 'Other', '--admin-email', emailB, '--admin-password', 'admin-b-password'], world.env);
    adminB = await login(api2, emailB, 'admin-b-password');
  }, 90_000);
  afterAll(async () => {
    for (const s of open) s.close();
    await world?.close();
  }, 60_000);

  it('gives every stream of the tenant, on either API, each of 200 concurrently produced events once, in order; a client moving to the other API with Last-Event-ID gets exactly what it missed', async () => {
    const customerA = (await call(api1, 'POST', '/api/customers', { name: 'Ana' }, adminA)).body.id as string;
    const customerB = (await call(api2, 'POST', '/api/customers', { name: 'Budi' }, adminB)).body.id as string;
    const followers = [
      await stream(api1, adminA),
      await stream(api2, adminA),
      await streamByTicket(api1, api2, agentA.token),
      await streamByTicket(api2, api1, agentA.token),
    ];
    const other = await stream(api2, adminB);
    const mover = await stream(api1, agentA.token);

    // Each ticket's requests alternate between the APIs; the tickets run concurrently. Tenant B writes meanwhile.
    let n = 0;
    const via = () => (n++ % 2 === 0 ? api1 : api2);
    const ticketIds: string[] = [];
    const producing = inParallel(tickets, 16, async (i) => {
      const ticket = await call(via(), 'POST', '/api/tickets', { title: `Live ${i}`, customer_id: customerA, auto_assign: false }, adminA);
      expect(ticket.status).toBe(201);
      ticketIds.push(ticket.body.id);
      for (let m = 0; m < messagesPerTicket; m++) expect((await call(via(), 'POST', `/api/tickets/${ticket.body.id}/conversations`, { message: `m${m}` }, adminA)).status).toBe(201);
    });
    const noise = inParallel(10, 2, async (i) => {
      expect((await call(i % 2 === 0 ? api1 : api2, 'POST', '/api/tickets', { title: `Other ${i}`, customer_id: customerB, auto_assign: false }, adminB)).status).toBe(201);
    });
    // The mover leaves API 1 part-way through the production and comes back on API 2.
    await mover.waitFor(() => mover.events.length >= 60, 20_000, '60 events before moving');
    mover.close();
    const before = envelopes(mover);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const moved = await stream(api2, agentA.token, { 'last-event-id': before.at(-1)!.id });
    await Promise.all([producing, noise]);

    const [rows] = await world.sql.query('select position from `events` where tenant_id = ? order by position desc limit ?', [world.tenant.id, produced]);
    const expected = (rows as Array<{ position: number }>)
      .map((r) => `${String(r.position).padStart(12, '0')}.${world.tenant.id}`)
      .reverse();
    for (const s of [...followers, moved]) await s.waitFor(() => s.events.length >= produced - (s === moved ? before.length : 0), 20_000, 'every event');
    await other.waitFor(() => other.events.length >= 10, 20_000, "tenant B's events");
    // Anything late (a duplicate) would arrive now.
    await new Promise((resolve) => setTimeout(resolve, 500));

    for (const s of followers) {
      const got = envelopes(s);
      expect(got.map((e) => e.id)).toEqual(expected);
      expect(got.every((e) => e.tenant_id === world.tenant.id)).toBe(true);
      for (const id of ticketIds) expect(got.filter((e) => ticketOf(e) === id).map((e) => e.sequence)).toEqual([1, 2, 3, 4, 5]);
    }
    const after = envelopes(moved);
    expect(before.length).toBeGreaterThanOrEqual(60);
    expect(before.length).toBeLessThan(produced);
    expect(moved.events.some((e) => e.event === 'reset')).toBe(false);
    expect([...before, ...after].map((e) => e.id)).toEqual(expected);
    expect(new Set(ticketIds).size).toBe(tickets);
    expect(expected).toHaveLength(produced);

    const theirs = envelopes(other);
    expect(theirs).toHaveLength(10);
    expect(theirs.every((e) => e.tenant_id !== world.tenant.id && e.type === 'ticket.created')).toBe(true);
    for (const s of followers) expect(envelopes(s).some((e) => theirs.some((t) => t.id === e.id))).toBe(false);
    for (const s of [...followers, mover, moved, other]) s.close();
  }, 60_000);

  it("closes a deactivated user's stream held by the other API process within 5 s, and only theirs", async () => {
    const leaving = await newAgent('leaving');
    const staying = await newAgent('staying');
    const held = await stream(api2, leaving.token);
    const theirs = await stream(api2, staying.token);
    const otherTenant = await stream(api2, adminB);
    const started = Date.now();
    expect((await call(api1, 'PATCH', `/api/users/${leaving.id}`, { active: false }, adminA)).status).toBe(200);
    await Promise.race([held.ended, new Promise((resolve) => setTimeout(resolve, 5000))]);
    expect(Date.now() - started).toBeLessThan(5000);
    // The others stay open: they still get their tenant's next event.
    const customer = (await call(api1, 'POST', '/api/customers', { name: 'After' }, adminA)).body.id as string;
    expect((await call(api1, 'POST', '/api/tickets', { title: 'After', customer_id: customer, auto_assign: false }, adminA)).status).toBe(201);
    await theirs.waitFor(() => envelopes(theirs).some((e) => e.type === 'ticket.created'), 5000, 'the next event');
    expect(envelopes(otherTenant)).toEqual([]);
    expect((await call(api2, 'GET', '/api/events', undefined, leaving.token)).status).toBe(401);
    for (const s of [held, theirs, otherTenant]) s.close();
  }, 30_000);
});
