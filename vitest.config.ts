import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const storeModule = (name: string): string => fileURLToPath(new URL(`./tests/e2e-stores/${name}-store.ts`, import.meta.url));

// The e2e suite again on the SQL stores; config and failure tests bring their own (or no) store.
const e2eOn = (store: 'sqlite' | 'mariadb') => ({
  test: {
    name: `e2e (${store})`,
    include: ['tests/e2e/**/*.e2e.test.ts'],
    exclude: ['tests/e2e/config.e2e.test.ts', 'tests/e2e/failures.e2e.test.ts'],
    env: { E2E_STORE: storeModule(store) },
  },
});

// With CI=true a missing MYSQL_URL makes the MariaDB project fail; outside CI it runs only when MYSQL_URL is set.
const mariadb = process.env.CI === 'true' || (process.env.MYSQL_URL ?? '') !== '';

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      { test: { name: 'default', include: ['tests/**/*.test.ts'], exclude: ['tests/browser/**'] } },
      // The web console in Debian's Chromium against the real app: one file at a time, each with its own API and browser.
      { test: { name: 'browser', include: ['tests/browser/**/*.test.ts'], fileParallelism: false, testTimeout: 60_000 } },
      e2eOn('sqlite'),
      ...(mariadb ? [e2eOn('mariadb')] : []),
    ],
  },
});
