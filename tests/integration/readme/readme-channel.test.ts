import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpApp, type HttpTestEnv } from '../../support/http-app.ts';
import { snippetAfter } from '../../support/readme-snippets.ts';

const run = promisify(execFile);
let env: HttpTestEnv;
beforeAll(async () => {
  env = await startHttpApp();
});
afterAll(() => env.close());

describe('README: the channel webhook example', () => {
  it('works as written with curl and node: 202 with the ticket, message and customer', async () => {
    const { admin } = await env.tenant();
    const script = await snippetAfter('Customers writing in through a signed channel');
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', script], { env: { ...process.env, API: env.baseUrl, TOKEN: admin.token }, timeout: 15_000 });
    const answer = JSON.parse(stdout.trim().split('\n').at(-1) ?? '');
    expect(answer).toEqual({ ticket_id: expect.any(String), message_id: expect.any(String), customer_id: expect.any(String) });
    const ticket = await env.request('GET', `/api/tickets/${answer.ticket_id}`, { token: admin.token });
    expect(ticket.body).toMatchObject({ channel: 'webhook', title: 'My order has not arrived' });
  });
});
