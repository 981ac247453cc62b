import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiProcess } from './api-process.ts';

// `npm start` on a fresh checkout: SQLite under ./data, a demo admin printed once, jobs in-process.
let cwd: string;
let api: ApiProcess | null = null;
beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'switchboard-quickstart-'));
});
afterAll(async () => {
  await api?.stop();
  await rm(cwd, { recursive: true, force: true });
});

const call = async (method: string, path: string, body?: unknown, token?: string) => {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const res = await fetch(api!.baseUrl + path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  return { status: res.status, body: text === '' ? null : JSON.parse(text) };
};

const loginAs = async (email: string, password: string): Promise<string> => {
  const res = await call('POST', '/api/login', { email, password });
  expect(res.status).toBe(200);
  return res.body.access_token;
};

const until = async <A>(probe: () => Promise<A>, done: (a: A) => boolean, ms: number): Promise<A> => {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('quickstart: npm start', () => {
  let password: string;
  let ticketId: string;
  let agentId: string;

  it('starts on SQLite under ./data and prints its URL and a demo admin once, on stderr only', async () => {
    api = await startApi(cwd);
    expect(api.banner).toMatch(/Switchboard API listening on http:\/\/localhost:\d+/);
    expect(api.banner).toContain('admin@demo.local');
    password = /password: (\S+)/.exec(api.banner)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(api.stdout()).not.toContain(password);
    for (const file of ['switchboard.db', 'jwt-secret', 'secrets-key']) expect(existsSync(join(cwd, 'data', file))).toBe(true);
    expect((await call('GET', '/readyz')).status).toBe(200);
  });

  it('assigns an auto_assign ticket to the online agent shortly after, with nothing else running', async () => {
    const admin = await loginAs('admin@demo.local', password);
    const created = await call('POST', '/api/users', { email: 'ana@demo.local', name: 'Ana', password: 'agent-pass-1', role: 'agent' }, admin);
    expect(created.status).toBe(201);
    agentId = created.body.id;
    const agent = await loginAs('ana@demo.local', 'agent-pass-1');
    expect((await call('PATCH', '/api/me/availability', { availability: 'online' }, agent)).status).toBe(200);
    const customer = await call('POST', '/api/customers', { name: 'Carla' }, admin);
    const ticket = await call('POST', '/api/tickets', { title: 'Printer on fire', customer_id: customer.body.id, auto_assign: true }, admin);
    expect(ticket.status).toBe(201);
    ticketId = ticket.body.id;
    const seen = await until(() => call('GET', `/api/tickets/${ticketId}`, undefined, admin), (r) => r.body.assigned_agent_id !== null, 5_000);
    expect(seen.body.assigned_agent_id).toBe(agentId);
  });

  it('exits 0 on SIGTERM', async () => {
    expect(await api!.stop()).toBe(0);
    api = null;
  });

  it('keeps its data and secrets across a restart, without printing credentials again', async () => {
    api = await startApi(cwd);
    expect(api.banner).toMatch(/listening on http:\/\/localhost:\d+/);
    expect(api.banner).not.toContain('admin@demo.local');
    expect(api.banner).not.toContain(password);
    const admin = await loginAs('admin@demo.local', password);
    const ticket = await call('GET', `/api/tickets/${ticketId}`, undefined, admin);
    expect(ticket.body).toMatchObject({ id: ticketId, assigned_agent_id: agentId, title: 'Printer on fire' });
    expect(await api.stop()).toBe(0);
    api = null;
  });
});
