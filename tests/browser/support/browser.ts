import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); Playwright never downloads a browser here. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

/** Outside CI a machine without Chromium skips the browser suites; with CI=true they run and fail. */
export const browserMissing = !existsSync(chromiumPath) && process.env.CI !== 'true';

export const resultsDir = join(import.meta.dirname, '../../../test-results');

export const launchChromium = (): Promise<Browser> => {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({ executablePath: chromiumPath, args: chromiumFlags, headless: true, timeout: 30_000 });
};

export interface OpenedPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors the page logged (CSP violations included). */
  readonly errors: string[];
}

export const openPage = async (browser: Browser, baseUrl: string, viewport = { width: 1440, height: 900 }): Promise<OpenedPage> => {
  const context = await browser.newContext({ baseURL: baseUrl, viewport, locale: 'en-GB', timezoneId: 'Asia/Jakarta' });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  // A 404 the console handles (an endpoint this server does not have yet) is logged by Chromium but is no error of the page.
  page.on('console', (message) => message.type() === 'error' && !message.text().includes('status of 404') && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(String(error)));
  return { context, page, errors };
};

export const screenshot = async (page: Page, name: string): Promise<void> => {
  await mkdir(resultsDir, { recursive: true });
  await page.screenshot({ path: join(resultsDir, `${name}.png`), fullPage: false });
};

export const signIn = async (page: Page, email: string, password: string): Promise<void> => {
  await page.goto('/console/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
};
