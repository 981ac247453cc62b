import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpApp, type HttpTestEnv } from '../../support/http-app.ts';
import { snippetAfter } from '../../support/readme-snippets.ts';

let env: HttpTestEnv;
beforeAll(async () => {
  env = await startHttpApp();
});
afterAll(() => env.close());

describe('README: the live events example', () => {
  it('works as written: curl -N prints the event of a ticket created meanwhile', async () => {
    const { admin } = await env.tenant();
    const script = await snippetAfter('Follow what happens in the tenant live');
    expect(script).toContain('curl -N');
    const child = spawn('bash', ['-euo', 'pipefail', '-c', script], { env: { ...process.env, API: env.baseUrl, TOKEN: admin.token }, detached: true });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    try {
      await expect.poll(() => out, { timeout: 10_000 }).toContain(': connected');
      const customer = (await env.request('POST', '/api/customers', { token: admin.token, body: { name: 'Curl' } })).body;
      const ticket = (await env.request('POST', '/api/tickets', { token: admin.token, body: { title: 'Seen by curl', customer_id: customer.id, auto_assign: false } })).body;
      await expect.poll(() => out, { timeout: 10_000 }).toContain('event: ticket.created');
      expect(out).toMatch(new RegExp(`data: \\{.*"id":"${ticket.id}"`));
    } finally {
      // The whole group: bash and the curl it runs.
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    }
  });
});
