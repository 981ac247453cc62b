import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { login, postConversation, type SignedChannel } from '../support/system-tenant.ts';
import { browserMissing, launchChromium, openPage, resultsDir, screenshot, signIn } from './support/browser.ts';
import { startConsoleApp, type ConsoleApp } from './support/console-app.ts';
import { dropStream, notifications, streamUrls, watchLivePage } from './support/live.ts';

const expectLoadedOnce = async (page: Page) => expect(await page.evaluate('window.__loadedOnce')).toBe(true);

// The console kept current by /api/events, no reload: customers write in through the signed channel webhook.
describe.skipIf(browserMissing)('console: live updates', () => {
  let app: ConsoleApp;
  let browser: Browser;
  let channel: SignedChannel;
  let agent: { id: string; email: string; password: string };
  let page: Page;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startConsoleApp(), launchChromium()]);
    const admin = await app.adminToken();
    channel = (await app.api('POST', '/api/channels', { name: 'Website chat' }, admin)).body;
    agent = await app.agent('Ana');
    ({ page } = await openPage(browser, app.baseUrl));
    await watchLivePage(page);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('an agent goes online, a conversation lands in Mine live, they reply and resolve it', async () => {
    await signIn(page, agent.email, agent.password);
    await page.locator('.live-live').waitFor();
    await page.evaluate('window.__loadedOnce = true');
    await page.getByRole('checkbox', { name: 'Notify me' }).check();
    const available = page.getByRole('switch', { name: 'Available' });
    await available.click();
    await expect.poll(() => available.isChecked()).toBe(true);

    const first = await postConversation(app.baseUrl, channel, 'live-1', 'Paket saya belum sampai, sudah 5 hari');
    expect(first.status).toBe(202);
    await page.getByRole('link', { name: /Paket saya belum sampai/ }).click();
    await page.getByRole('heading', { name: 'Paket saya belum sampai, sudah 5 hari' }).waitFor();
    await expect.poll(() => notifications(page)).toEqual(['Assigned to you: Paket saya belum sampai, sudah 5 hari']);

    // A second conversation arrives while the first is open: the open one does not move.
    const heading = page.locator('.ticket-head h2');
    const before = await heading.boundingBox();
    await postConversation(app.baseUrl, channel, 'live-2', 'Can I change my delivery address?');
    await page.getByRole('link', { name: /Can I change my delivery address/ }).waitFor();
    expect(await heading.boundingBox()).toEqual(before);

    await postConversation(app.baseUrl, channel, 'live-1', 'Nomor resi JX-1043');
    await page.locator('.bubble.from-customer', { hasText: 'Nomor resi JX-1043' }).waitFor();
    await page.getByLabel('Reply').fill('Halo! Kami cek dulu ya.');
    await page.getByLabel('Reply').press('Enter');
    await page.locator('.bubble.own', { hasText: 'Halo! Kami cek dulu ya.' }).waitFor();
    await screenshot(page, 'live-inbox');
    if (process.env.UPDATE_README_SCREENSHOT === '1') await copyFile(join(resultsDir, 'live-inbox.png'), join(import.meta.dirname, '../../apps/console/inbox.png'));

    await page.getByRole('button', { name: 'Resolve' }).click();
    await page.locator('.ticket-head .badge.status-resolved').waitFor();
    await page.getByRole('link', { name: /Paket saya belum sampai/ }).locator('.status-resolved').waitFor();
    const ticketId = first.body.ticket_id as string;
    const token = await login(app.baseUrl, agent.email, agent.password);
    expect((await app.api('GET', `/api/tickets/${ticketId}`, undefined, token)).body.status).toBe('resolved');
    const messages = (await app.api('GET', `/api/tickets/${ticketId}/conversations`, undefined, token)).body.data;
    expect(messages.map((m: { sender_type: string }) => m.sender_type)).toEqual(['customer', 'customer', 'agent']);
    await expectLoadedOnce(page);
  });

  it('resumes a dropped stream from the last event: what happened meanwhile arrives once', async () => {
    await page.getByRole('link', { name: /Can I change my delivery address/ }).click();
    await page.getByRole('heading', { name: 'Can I change my delivery address?' }).waitFor();
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/events/ticket', async (route) => {
      await held;
      await route.continue();
    });
    const opened = (await streamUrls(page)).length;
    // Arriving by replay, not by reading the conversation again (as after a reset).
    const reads: string[] = [];
    page.on('request', (request) => request.method() === 'GET' && request.url().includes('/conversations') && reads.push(request.url()));
    await dropStream(page);
    await page.locator('.live-reconnecting').waitFor();
    expect((await postConversation(app.baseUrl, channel, 'live-2', 'To Jalan Sudirman 5, please')).status).toBe(202);
    release();
    await page.locator('.live-live').waitFor();
    await page.unroute('**/api/events/ticket');
    await page.locator('.bubble.from-customer', { hasText: 'To Jalan Sudirman 5, please' }).waitFor();
    const urls = await streamUrls(page);
    expect(urls.length).toBe(opened + 1);
    const [last, previous] = [new URL(urls.at(-1) as string), new URL(urls.at(-2) as string)];
    expect(last.searchParams.get('last_event_id')).toMatch(/.+/);
    expect(last.searchParams.get('ticket')).not.toBe(previous.searchParams.get('ticket'));
    expect(await page.locator('.bubble', { hasText: 'To Jalan Sudirman 5, please' }).count()).toBe(1);
    expect(reads).toEqual([]);
    await expectLoadedOnce(page);
  });

  it('reads everything again when the server cannot resume from the id (event: reset)', async () => {
    await page.route('**/api/events?*', async (route) => {
      const url = new URL(route.request().url());
      if (url.searchParams.has('last_event_id')) url.searchParams.set('last_event_id', 'an-id-the-server-never-issued');
      await route.continue({ url: url.toString() });
    });
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/events/ticket', async (route) => {
      await held;
      await route.continue();
    });
    const reads: string[] = [];
    page.on('request', (request) => request.method() === 'GET' && request.url().includes('/conversations') && reads.push(request.url()));
    await dropStream(page);
    await page.locator('.live-reconnecting').waitFor();
    expect((await postConversation(app.baseUrl, channel, 'live-2', 'Any news on the address?')).status).toBe(202);
    release();
    await page.locator('.bubble.from-customer', { hasText: 'Any news on the address?' }).waitFor();
    await page.unroute('**/api/events/ticket');
    await page.unroute('**/api/events?*');
    expect(reads.length).toBeGreaterThanOrEqual(1);
    expect(await page.locator('.bubble', { hasText: 'Any news on the address?' }).count()).toBe(1);
    await page.locator('.live-live').waitFor();
    await expectLoadedOnce(page);
  });

  it('an admin raises the capacity and watches the queue drain', async () => {
    const admin = await app.adminToken();
    const agentToken = await login(app.baseUrl, agent.email, agent.password);
    // Ana holds one active conversation (live-2); at capacity 1 the next ones wait.
    expect((await app.api('PATCH', '/api/settings', { max_customers_per_agent: 1 }, admin)).status).toBe(200);
    for (const customer of ['queue-1', 'queue-2']) expect((await postConversation(app.baseUrl, channel, customer, `Waiting ${customer}`)).status).toBe(202);
    await page.goto('/console/#/inbox/queue');
    const waiting = page.locator('a.ticket-row', { hasText: 'Waiting queue-' });
    await expect.poll(() => waiting.count()).toBe(2);
    expect(await waiting.first().innerText()).toMatch(/Waiting queue-1[\s\S]*#1 in queue · waiting/);
    expect(await waiting.last().innerText()).toMatch(/Waiting queue-2[\s\S]*#2 in queue · waiting/);
    const { page: floor } = await openPage(browser, app.baseUrl);
    await signIn(floor, app.adminEmail, app.adminPassword);
    await floor.goto('/console/#/queue');
    const rows = floor.locator('table.queue tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    await floor.evaluate('window.__loadedOnce = true');
    await screenshot(floor, 'live-queue-before');

    const { page: settings } = await openPage(browser, app.baseUrl);
    await signIn(settings, app.adminEmail, app.adminPassword);
    await settings.goto('/console/#/settings');
    await settings.getByLabel('Conversations per agent (default capacity)').fill('3');
    await settings.getByRole('button', { name: 'Save' }).click();
    await settings.getByText('Saved').waitFor();

    await floor.getByText('Nobody is waiting.').waitFor();
    await expectLoadedOnce(floor);
    const mine = (await app.api('GET', `/api/tickets?assigned_agent_id=${agent.id}&status=open`, undefined, agentToken)).body.data;
    expect(mine.length).toBe(3);
    // The agent's Queue tab emptied live as well; Mine lists the two now.
    await page.getByText('No conversations here.').waitFor();
    await page.getByRole('link', { name: 'Mine' }).click();
    await expect.poll(() => page.locator('a.ticket-row', { hasText: 'Waiting queue-' }).count()).toBe(2);
  });
});
