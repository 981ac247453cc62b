import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `switchboard/<subpath>` as the examples import it: the exports map's dist file, here its source.
const exportsMap = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')).exports as Record<string, string | { default: string }>;
const packageAliases = Object.entries(exportsMap)
  .filter((entry): entry is [string, { default: string }] => typeof entry[1] === 'object')
  .map(([subpath, target]) => ({
    find: new RegExp(`^${`switchboard${subpath.slice(1)}`.replace('/', '\\/')}$`),
    replacement: fileURLToPath(new URL(target.default.replace(/^\.\/dist\//, './').replace(/\.js$/, '.ts'), import.meta.url)),
  }));

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
      { resolve: { alias: packageAliases }, test: { name: 'default', include: ['tests/**/*.test.ts'], exclude: ['tests/browser/**'] } },
      // The web console in Debian's Chromium against the real app: one file at a time, each with its own API and browser.
      { test: { name: 'browser', include: ['tests/browser/**/*.test.ts'], fileParallelism: false, testTimeout: 60_000 } },
      e2eOn('sqlite'),
      ...(mariadb ? [e2eOn('mariadb')] : []),
    ],
  },
});
