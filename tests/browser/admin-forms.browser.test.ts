import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserMissing, launchChromium, openPage, screenshot, signIn } from './support/browser.ts';
import { startConsoleApp, type ConsoleApp } from './support/console-app.ts';

// An admin's forms: the API's errors appear by the field they name; a channel secret is shown once.
describe.skipIf(browserMissing)('console: admin forms', () => {
  let app: ConsoleApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startConsoleApp(), launchChromium()]);
    ({ page } = await openPage(browser, app.baseUrl));
    await signIn(page, app.adminEmail, app.adminPassword);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows a wrong sign-in as the API says it', async () => {
    const { page: other, context } = await openPage(browser, app.baseUrl);
    await other.goto('/console/');
    await other.getByLabel('Email').fill(app.adminEmail);
    await other.getByLabel('Password').fill('not the password');
    await other.getByRole('button', { name: 'Sign in' }).click();
    await other.getByRole('alert').getByText('Wrong email or password.').waitFor();
    await context.close();
  });

  it('shows a validation error from the API next to the field it names', async () => {
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('button', { name: 'Add a user' }).click();
    await page.getByLabel('Name').fill('Budi');
    await page.getByLabel('Email').fill('budi@demo.local');
    await page.getByLabel('Password (8 to 128 characters)').fill('short');
    await page.getByRole('button', { name: 'Add user' }).click();
    const error = page.locator('#field-password-error');
    await error.waitFor();
    expect(await error.innerText()).not.toBe('');
    expect(await page.getByLabel('Password (8 to 128 characters)').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'admin-user-form-error');
  });

  it('creates the user once the field is right, and shows a clash as the API reports it', async () => {
    await page.getByLabel('Password (8 to 128 characters)').fill('long enough password');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByRole('row', { name: /Budi/ }).waitFor();
    await page.getByLabel('Name').fill('Budi again');
    await page.getByLabel('Email').fill('BUDI@demo.local');
    await page.getByLabel('Password (8 to 128 characters)').fill('long enough password');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('row', { name: /Budi again/ }).count()).toBe(0);
  });

  it('refuses a capacity of 0 in the tenant settings by the field, then saves 3', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    const capacity = page.getByLabel('Conversations per agent (default capacity)');
    await expect.poll(() => capacity.inputValue()).toBe('2');
    await capacity.fill('0');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('#field-max_customers_per_agent-error').waitFor();
    await capacity.fill('3');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').getByText('Saved').waitFor();
    const settings = await app.api('GET', '/api/settings', undefined, await app.adminToken());
    expect(settings.body.max_customers_per_agent).toBe(3);
  });

  it('shows a new channel secret once, with copy buttons, and never again', async () => {
    await page.getByRole('link', { name: 'Channels' }).click();
    await page.getByLabel('Name').fill('Website chat');
    await page.getByRole('button', { name: 'Add channel' }).click();
    const secret = page.getByTestId('channel-secret');
    await secret.waitFor();
    const shown = await secret.innerText();
    expect(shown.length).toBeGreaterThanOrEqual(32);
    expect(await page.getByRole('button', { name: 'Copy: Secret' }).count()).toBe(1);
    await page.getByRole('row', { name: /Website chat/ }).waitFor();
    await page.reload();
    await page.getByRole('row', { name: /Website chat/ }).waitFor();
    expect(await page.getByTestId('channel-secret').count()).toBe(0);
    expect(await page.content()).not.toContain(shown);
  });

  it('switches the whole UI to Bahasa Indonesia and back', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('id');
    await page.getByRole('button', { name: 'Keluar' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
    await page.getByRole('link', { name: 'Kotak masuk' }).click();
    await page.getByRole('link', { name: 'Milik saya' }).waitFor();
    await page.getByRole('combobox', { name: 'Bahasa' }).selectOption('en');
    await page.getByRole('button', { name: 'Log out' }).waitFor();
  });
});
