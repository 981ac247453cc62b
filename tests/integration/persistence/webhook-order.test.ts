import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mysqlServer } from '../../support/databases.ts';
import { startReceiver, type WebhookReceiver } from '../../support/webhook-receiver.ts';
import { startWebhookWorld, type WebhookWorld } from '../../support/webhook-world.ts';

// The dispatcher's claim (per-ticket order, leases) in MariaDB's SQL; the same rules run on SQLite in tests/e2e/webhooks.
const server = await mysqlServer();

describe.skipIf(server.status === 'skip')('webhook delivery order on MariaDB', () => {
  let world: WebhookWorld;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    if (server.status !== 'ready') throw new Error(server.status === 'fail' ? server.reason : 'no MariaDB');
    world = await startWebhookWorld({ mysql: server.url });
    receiver = await startReceiver();
  }, 60_000);
  afterAll(async () => {
    await receiver?.close();
    await world?.close();
  });

  it("holds a ticket's later events while an earlier one is retried; other tickets go on", async () => {
    const hook = await world.env.request('POST', '/api/webhooks', { token: world.admin.token, body: { url: receiver.url, events: ['*'] } });
    expect(hook.status).toBe(201);
    receiver.answer({ status: 503 });
    const first = await world.ticket('first');
    await world.env.request('POST', `/api/tickets/${first}/conversations`, { token: world.admin.token, body: { message: 'one' } });
    const second = await world.ticket('second');
    await world.deliver();
    const ticketOf = (r: WebhookReceiver['received'][number]) => r.json.data.ticket?.id ?? r.json.data.ticket_id;
    expect(receiver.received.map((r) => [ticketOf(r), r.json.sequence])).toEqual([[first, 1], [second, 1]]);
    world.clock.advance(5_000);
    await world.deliver();
    expect(receiver.received.filter((r) => ticketOf(r) === first).map((r) => r.json.sequence)).toEqual([1, 1, 2]);
    const log = (await world.env.request('GET', `/api/webhooks/${hook.body.id}/deliveries`, { token: world.admin.token })).body.data;
    expect(log.map((d: { status: string }) => d.status)).toEqual(['delivered', 'delivered', 'delivered']);
  });
});
