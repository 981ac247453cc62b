import { describe, expect, it } from 'vitest';
import { mysqlServer } from '../support/databases.ts';

// The `e2e (mariadb)` project runs only when MYSQL_URL is set or CI=true; this says why when it does not.
const server = await mysqlServer();

if (server.status === 'skip') {
  describe.skip(`e2e suite on MariaDB (${server.reason})`, () => {
    it('runs when MYSQL_URL is set', () => {});
  });
} else {
  describe('e2e suite on MariaDB', () => {
    it('has a reachable server at MYSQL_URL', () => {
      expect(server.status === 'fail' ? server.reason : 'ready').toBe('ready');
    });
  });
}
