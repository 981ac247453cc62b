import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { postConversation } from '../support/system-tenant.ts';
import { browserMissing, launchChromium, openPage, screenshot, signIn } from './support/browser.ts';
import { startConsoleApp, type ConsoleApp } from './support/console-app.ts';

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** The tenant's own system: answers 500 until told to accept. */
const startReceiver = async () => {
  const received: Received[] = [];
  let accept = false;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(accept ? 204 : 500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/switchboard`,
    received,
    accept: () => (accept = true),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

// An admin adds an endpoint, reads its delivery log, redelivers a failed delivery, pauses, rotates and deletes it.
describe.skipIf(browserMissing)('console: outbound webhooks', () => {
  let app: ConsoleApp;
  let browser: Browser;
  let page: Page;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let secret: string;

  beforeAll(async () => {
    [app, browser, receiver] = await Promise.all([startConsoleApp({ OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true' }), launchChromium(), startReceiver()]);
    ({ page } = await openPage(browser, app.baseUrl));
    await signIn(page, app.adminEmail, app.adminPassword);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await receiver?.stop();
  });

  it('adds an endpoint for the events picked and shows its secret once', async () => {
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByLabel('URL').fill(receiver.url);
    await page.getByLabel('Description').fill('CRM');
    await page.getByRole('checkbox', { name: 'ticket.created' }).check();
    await page.getByRole('button', { name: 'Add webhook' }).click();
    secret = await page.getByTestId('webhook-secret').innerText();
    expect(secret).toMatch(/^whsec_/);
    await page.locator('li.webhook', { hasText: receiver.url }).getByText('ticket.created — CRM').waitFor();
    const listed = (await app.api('GET', '/api/webhooks', undefined, await app.adminToken())).body.data;
    expect(listed.map((h: { events: string[] }) => h.events)).toEqual([['ticket.created']]);
  });

  it('shows a failed attempt in the delivery log, and redelivers it', async () => {
    const admin = await app.adminToken();
    const channel = (await app.api('POST', '/api/channels', { name: 'Website chat' }, admin)).body;
    expect((await postConversation(app.baseUrl, channel, 'hook-1', 'Where is my parcel?')).status).toBe(202);
    await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    const hook = page.locator('li.webhook', { hasText: receiver.url });
    await hook.getByRole('button', { name: 'Deliveries' }).click();
    const row = hook.locator('.deliveries tbody tr').first();
    await row.getByText('HTTP 500').waitFor({ timeout: 15_000 });
    expect(await row.innerText()).toContain('ticket.created');
    await screenshot(page, 'admin-webhook-deliveries');

    receiver.accept();
    const redelivered = page.waitForResponse((response) => response.url().endsWith('/redeliver'));
    await row.getByRole('button', { name: 'Redeliver' }).click();
    expect((await redelivered).status()).toBe(202);
    await row.getByText('Delivered').first().waitFor({ timeout: 15_000 });
    const last = receiver.received.at(-1) as Received;
    const envelope = new Webhook(secret).verify(last.body, last.headers as Record<string, string>) as { type: string; data: { ticket: { title: string } } };
    expect(envelope.type).toBe('ticket.created');
    expect(envelope.data.ticket.title).toBe('Where is my parcel?');
  });

  it('pauses the endpoint, rotates its secret and deletes it after asking again', async () => {
    const hook = page.locator('li.webhook', { hasText: receiver.url });
    await hook.getByRole('button', { name: 'Pause' }).click();
    await hook.getByText('Inactive').waitFor();
    await hook.getByRole('button', { name: 'Rotate secret' }).click();
    await expect.poll(() => page.getByTestId('webhook-secret').innerText()).not.toBe(secret);
    await hook.getByRole('button', { name: 'Delete' }).click();
    await hook.getByRole('button', { name: 'Really delete?' }).click();
    await page.getByText('No webhooks yet.').waitFor();
    expect((await app.api('GET', '/api/webhooks', undefined, await app.adminToken())).body.data).toEqual([]);
  });
});
