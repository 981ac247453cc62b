import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpApp, type HttpTestEnv } from '../../support/http-app.ts';

const run = promisify(execFile);
let env: HttpTestEnv;
beforeAll(async () => {
  env = await startHttpApp();
});
afterAll(() => env.close());

/** The README's shell block that follows `heading`, exactly as a reader would paste it. */
const snippetAfter = async (heading: string): Promise<string> => {
  const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
  const from = readme.indexOf(heading);
  expect(from).toBeGreaterThan(-1);
  const block = /```sh\n([\s\S]*?)```/u.exec(readme.slice(from));
  return block?.[1] ?? '';
};

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
