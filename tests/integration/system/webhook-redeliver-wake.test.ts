import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually } from '../../support/system-probes.ts';
import { systemDescribe, systemServices } from '../../support/system-services.ts';
import { runCliProcess } from '../../support/system-processes.ts';
import { call, login } from '../../support/system-tenant.ts';
import { startReceiver, type WebhookReceiver } from '../../support/webhook-receiver.ts';
import { openSystem, type SystemWorld } from '../../support/system-world.ts';

// MariaDB + RabbitMQ: a redelivery asked of the API reaches the worker's dispatcher through the broker at once.
const services = await systemServices();

systemDescribe('webhook redelivery wakes the worker (MariaDB + RabbitMQ)', services, (ready) => {
  let world: SystemWorld;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    world = await openSystem(ready, { apis: 1, workers: 1 });
    receiver = await startReceiver();
  }, 90_000);
  afterAll(async () => {
    await receiver?.close();
    await world?.close();
  }, 60_000);

  it('sends each redelivery well before the 2 s sweep would; another tenant cannot ask for one', async () => {
    const api = world.apis[0]!.baseUrl;
    const admin = await login(api, world.tenant.adminEmail, world.tenant.adminPassword);
    const hook = await call(api, 'POST', '/api/webhooks', { url: receiver.url, events: ['ticket.created'] }, admin);
    expect(hook.status).toBe(201);
    receiver.answer(...Array.from({ length: 10 }, () => ({ status: 500 })));
    const customer = (await call(api, 'POST', '/api/customers', { name: 'Wake' }, admin)).body.id as string;
    expect((await call(api, 'POST', '/api/tickets', { title: 'Wake', customer_id: customer, auto_assign: false }, admin)).status).toBe(201);
    await eventually('the first attempt', async () => receiver.received.length, (n) => n === 1, 10_000, 20);
    const deliveries = `/api/webhooks/${hook.body.id}/deliveries`;
    const delivery = (await call(api, 'GET', deliveries, undefined, admin)).body.data[0];

    const emailB = `admin-b-${world.prefix}@system.test`;
    await runCliProcess(['tenant', 'create', '--name', 'Other', '--admin-email', emailB, '--admin-password', 'admin-b-password'], world.env);
    const adminB = await login(api, emailB, 'admin-b-password');
    expect((await call(api, 'POST', `${deliveries}/${delivery.id}/redeliver`, undefined, adminB)).status).toBe(404);

    // A sweep alone would pick each up 0..2 s later; three in a row under 500 ms is the wake.
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      const before = receiver.received.length;
      const asked = Date.now();
      expect((await call(api, 'POST', `${deliveries}/${delivery.id}/redeliver`, undefined, admin)).status).toBe(202);
      await eventually('the redelivery', async () => receiver.received.length, (n) => n > before, 5000, 5);
      waits.push(Date.now() - asked);
    }
    expect(waits.every((ms) => ms < 500), `waits ${waits.join(', ')} ms`).toBe(true);
    expect(receiver.received.every((r) => r.json.tenant_id === world.tenant.id)).toBe(true);
  }, 60_000);
});
