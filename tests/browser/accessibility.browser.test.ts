import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { postConversation } from '../support/system-tenant.ts';
import { browserMissing, launchChromium, openPage, screenshot, signIn } from './support/browser.ts';
import { startConsoleApp, type ConsoleApp } from './support/console-app.ts';

const seriousViolations = async (page: Page) => {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
};

const adminScreens = ['agents', 'queue', 'settings', 'users', 'channels', 'webhooks', 'qiscus', 'reports'] as const;

// Every main screen at 1440 px and 360 px: no serious or critical axe violation, no console error (CSP included).
describe.skipIf(browserMissing)('console: accessibility and layout of every main screen', () => {
  let app: ConsoleApp;
  let browser: Browser;
  let agent: { id: string; email: string; password: string };
  let ticketId: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startConsoleApp({ OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true' }), launchChromium()]);
    const admin = await app.adminToken();
    const channel = (await app.api('POST', '/api/channels', { name: 'Website chat' }, admin)).body;
    // A webhook, so its screen is checked with a row and a delivery log (nothing listens there: its deliveries fail).
    expect((await app.api('POST', '/api/webhooks', { url: 'http://127.0.0.1:9/hooks', events: ['*'], description: 'CRM' }, admin)).status).toBe(201);
    agent = await app.agent('Ana', { maxCustomers: 1 });
    const agentToken = (await app.api('POST', '/api/login', { email: agent.email, password: agent.password })).body.access_token;
    await app.api('PATCH', '/api/me/availability', { availability: 'online' }, agentToken);
    ticketId = (await postConversation(app.baseUrl, channel, 'web-1', 'Paket saya belum sampai, sudah 5 hari')).body.ticket_id;
    await postConversation(app.baseUrl, channel, 'web-2', 'Can I change my delivery address?');
    await postConversation(app.baseUrl, channel, 'web-3', 'Refund for order #1043');
    await app.api('POST', `/api/tickets/${ticketId}/conversations`, { message: 'Halo! Kami cek dulu ya.' }, agentToken);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  for (const width of [1440, 360]) {
    it(`agent screens at ${width} px`, async () => {
      const { page, context, errors } = await openPage(browser, app.baseUrl, { width, height: width === 360 ? 740 : 900 });
      await page.goto('/console/');
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `login-${width}`);
      await signIn(page, agent.email, agent.password);
      await page.getByRole('link', { name: /Paket saya belum sampai/ }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `inbox-${width}`);
      await page.goto(`/console/#/inbox/mine/${ticketId}`);
      await page.locator('.bubble.own').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `ticket-${width}`);
      const scroll = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      expect(scroll).toBeLessThanOrEqual(0);
      expect(errors).toEqual([]);
      await context.close();
    });

    it(`admin screens at ${width} px`, async () => {
      const { page, context, errors } = await openPage(browser, app.baseUrl, { width, height: 900 });
      await signIn(page, app.adminEmail, app.adminPassword);
      await page.getByRole('link', { name: 'Queue' }).first().waitFor();
      for (const screen of adminScreens) {
        await page.goto(`/console/#/${screen}`);
        await page.locator('main h1, main .notice').first().waitFor();
        if (screen === 'webhooks') await page.getByRole('button', { name: 'Deliveries' }).click();
        await expect.poll(() => page.locator('[aria-busy="true"]').count()).toBe(0);
        expect(await seriousViolations(page), screen).toEqual([]);
        await screenshot(page, `admin-${screen}-${width}`);
      }
      await page.goto('/console/#/inbox/all');
      await page.getByRole('link', { name: /Refund for order/ }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('moves through the inbox with the arrow keys, focus visible', async () => {
    const { page, context } = await openPage(browser, app.baseUrl);
    await signIn(page, app.adminEmail, app.adminPassword);
    await page.goto('/console/#/inbox/all');
    const rows = page.locator('a.ticket-row');
    await expect.poll(() => rows.count()).toBe(3);
    await rows.first().focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.locator(':focus').innerText()).toContain('Can I change my delivery address?');
    await page.keyboard.press('End');
    expect(await page.locator(':focus').innerText()).toContain('Paket saya belum sampai');
    const outline = await page.evaluate('getComputedStyle(document.activeElement).outlineStyle');
    expect(outline).toBe('solid');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Paket saya belum sampai, sudah 5 hari' }).waitFor();
    await context.close();
  });
});
