import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserMissing, launchChromium, openPage, signIn } from './support/browser.ts';
import { startConsoleApp, type ConsoleApp } from './support/console-app.ts';

// Access tokens of 1 s (plus the verifier's 30 s leeway): the console renews them through refresh-token rotation.
describe.skipIf(browserMissing)('console: session expiry and refresh', () => {
  let app: ConsoleApp;
  let browser: Browser;
  let page: Page;
  let agent: { id: string; email: string; password: string };
  const refreshes: string[] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startConsoleApp({ ACCESS_TOKEN_TTL_SECONDS: '1' }), launchChromium()]);
    agent = await app.agent('Sari');
    ({ page } = await openPage(browser, app.baseUrl));
    page.on('response', (response) => response.url().endsWith('/api/refresh-token') && refreshes.push(`${response.status()}`));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('keeps the access token out of storage and survives a reload through the refresh token', async () => {
    await signIn(page, agent.email, agent.password);
    const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }));
    expect(stored).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
    await page.reload();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    expect(refreshes).toEqual(['200']);
  });

  it('renews an expired access token on the next request, rotating the refresh token', async () => {
    const before = await page.evaluate(() => sessionStorage.getItem('switchboard.refresh'));
    await new Promise((resolve) => setTimeout(resolve, 32_000));
    const available = page.getByRole('switch', { name: 'Available' });
    await available.click();
    await expect.poll(() => available.isChecked()).toBe(true);
    expect(refreshes.length).toBeGreaterThanOrEqual(2);
    expect(refreshes.every((status) => status === '200')).toBe(true);
    const after = await page.evaluate(() => sessionStorage.getItem('switchboard.refresh'));
    expect(after).not.toBe(before);
    const reused = await app.api('POST', '/api/refresh-token', { refresh_token: before });
    expect(reused.status).toBe(401);
  }, 60_000);

  it('sends the user to sign in again, saying why, once the session cannot be renewed', async () => {
    // Reusing a spent refresh token (above) revoked the family; deactivating ends the access token at once too.
    const admin = await app.adminToken();
    expect((await app.api('PATCH', `/api/users/${agent.id}`, { active: false }, admin)).status).toBe(200);
    await page.getByRole('switch', { name: 'Available' }).click();
    await page.getByText('Your session has ended. Please sign in again.').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('switchboard.refresh'))).toBeNull();
    expect((await app.api('PATCH', `/api/users/${agent.id}`, { active: true }, admin)).status).toBe(200);
    await signIn(page, agent.email, agent.password);
  });

  it('logs out: the refresh token is revoked on the server', async () => {
    const token = await page.evaluate(() => sessionStorage.getItem('switchboard.refresh'));
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect((await app.api('POST', '/api/refresh-token', { refresh_token: token })).status).toBe(401);
  });
});
