import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually } from '../../support/system-probes.ts';
import { systemDescribe, systemServices } from '../../support/system-services.ts';
import { openSystem, type SystemWorld } from '../../support/system-world.ts';

// MariaDB + RabbitMQ + real worker processes: workers killed (SIGKILL) while deliveries are in flight lose none of them.
const services = await systemServices();
const tickets = 12;

/** Holds every request open (the deliveries stay in flight) until `release`, then answers 200; records webhook-ids. */
const holdingReceiver = async () => {
  const arrived: string[] = [];
  const answered: string[] = [];
  const held: ServerResponse[] = [];
  let holding = true;
  let secret = '';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = { 'webhook-id': String(req.headers['webhook-id']), 'webhook-timestamp': String(req.headers['webhook-timestamp']), 'webhook-signature': String(req.headers['webhook-signature']) };
      new Webhook(secret).verify(Buffer.concat(chunks), headers);
      arrived.push(headers['webhook-id']);
      if (holding) held.push(res);
      else {
        answered.push(headers['webhook-id']);
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    arrived,
    answered,
    held,
    useSecret: (s: string) => void (secret = s),
    release: () => void (holding = false),
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
};

systemDescribe('webhooks: workers killed mid-delivery', services, (ready) => {
  let world: SystemWorld;
  let receiver: Awaited<ReturnType<typeof holdingReceiver>>;
  beforeAll(async () => {
    world = await openSystem(ready, { apis: 1, workers: 2 });
    receiver = await holdingReceiver();
  }, 90_000);
  afterAll(async () => {
    await world?.close();
    await receiver?.close();
  }, 60_000);

  it('redelivers what the killed workers had in flight once their leases expire: every event arrives, none is answered twice', async () => {
    const api = world.apis[0]!.baseUrl;
    const call = async (method: string, path: string, token: string | null, body?: unknown) => {
      const res = await fetch(api + path, {
        method,
        headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const token = (await call('POST', '/api/login', null, { email: world.tenant.adminEmail, password: world.tenant.adminPassword })).body.access_token as string;
    const hook = await call('POST', '/api/webhooks', token, { url: receiver.url, events: ['ticket.created'] });
    expect(hook.status).toBe(201);
    receiver.useSecret(String(hook.body.secret));
    const customer = String((await call('POST', '/api/customers', token, { name: 'Cu' })).body.id);
    for (let i = 0; i < tickets; i++) expect((await call('POST', '/api/tickets', token, { title: `T${i}`, customer_id: customer, auto_assign: false })).status).toBe(201);

    await eventually('deliveries in flight', async () => receiver.held.length, (n) => n >= 1, 30_000, 50);
    for (const worker of world.workers) expect(await worker.signal('SIGKILL')).toBeNull();
    const inFlight = new Set(receiver.arrived);
    receiver.release();
    // Stands for the lease running out (60 s): the test moves the clock of the claims, not the wall clock.
    await world.sql.query('update `webhook_deliveries` set `leased_until` = ? where `lease_token` is not null', [new Date(0)]);
    await world.startWorker();
    await world.startWorker();

    const rows = await eventually(
      'every delivery delivered',
      async () => (await world.sql.query('select `event_id`, `status` from `webhook_deliveries` where `webhook_id` = ?', [hook.body.id]))[0] as Array<{ event_id: string; status: string }>,
      (r) => r.length === tickets && r.every((d) => d.status === 'delivered'),
      60_000,
      200,
    );
    const events = new Set(rows.map((r) => r.event_id));
    expect(new Set(receiver.answered)).toEqual(events);
    expect(receiver.answered).toHaveLength(tickets);
    expect(inFlight.size).toBeGreaterThan(0);
    for (const id of inFlight) expect(events.has(id)).toBe(true);
  }, 120_000);
});
