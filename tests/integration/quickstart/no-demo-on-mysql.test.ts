import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createMysqlDatabase } from '../../support/databases.ts';
import { mysqlOnly } from '../persistence/persistence-env.ts';
import { startApi } from './api-process.ts';

// Finding 11: an empty MySQL/MariaDB database is a production one; no demo admin, no password on stderr.
mysqlOnly('npm start on an empty MariaDB/MySQL database', () => {
  it('creates no demo tenant and prints no password', async () => {
    const database = await createMysqlDatabase(new URL(process.env.MYSQL_URL as string));
    const cwd = await mkdtemp(join(tmpdir(), 'switchboard-no-demo-'));
    const { host, port, user, password, database: name } = database.target as { host: string; port: number; user: string; password: string; database: string };
    const api = await startApi(cwd, 30_000, {
      DATABASE_URL: `mysql://${user}:${encodeURIComponent(password)}@${host}:${port}/${name}`,
      JWT_SECRET: 'j'.repeat(48),
      SECRETS_KEY: Buffer.alloc(32, 7).toString('base64'),
    });
    try {
      expect(api.banner).toMatch(/listening on http:\/\/localhost:\d+/);
      expect(api.banner).not.toContain('admin@demo.local');
      expect(api.banner).not.toMatch(/password: /);
      const login = await fetch(`${api.baseUrl}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@demo.local', password: 'x'.repeat(16) }) });
      expect(login.status).toBe(401);
    } finally {
      await api.stop();
      await rm(cwd, { recursive: true, force: true });
      await database.drop();
    }
  });
});
