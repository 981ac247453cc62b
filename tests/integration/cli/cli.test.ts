import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempSqlite } from './cli-runner.ts';

const userKeys = ['active', 'availability', 'can_login', 'created_at', 'email', 'id', 'max_customers', 'name', 'role', 'tenant_id', 'updated_at'];
const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

let db: Awaited<ReturnType<typeof tempSqlite>>;
beforeAll(async () => {
  db = await tempSqlite();
});
afterAll(() => db.remove());

const cli = (...args: string[]) => runCli(args, db.url);

describe('npm run cli', () => {
  it('migrate applies the schema once, then has nothing to do', async () => {
    const first = await cli('migrate');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).applied.length).toBeGreaterThan(0);
    const second = await cli('migrate');
    expect(JSON.parse(second.stdout)).toEqual({ applied: [] });
  });

  let tenantId: string;
  it('tenant create prints exactly {tenant, admin} as JSON on stdout and logs on stderr', async () => {
    const res = await cli('tenant', 'create', '--name', 'Acme 🚀', '--admin-email', 'Boss@Acme.test', '--admin-password', 'correct horse 1');
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(Object.keys(out).sort()).toEqual(['admin', 'tenant']);
    expect(Object.keys(out.tenant).sort()).toEqual(['id', 'name']);
    expect(out.tenant.name).toBe('Acme 🚀');
    expect(Object.keys(out.admin).sort()).toEqual(userKeys);
    expect(out.admin).toMatchObject({
      tenant_id: out.tenant.id,
      email: 'Boss@Acme.test',
      role: 'admin',
      active: true,
      availability: 'offline',
      max_customers: null,
      can_login: true,
    });
    expect(out.admin.created_at).toMatch(iso);
    expect(res.stderr).toContain('"msg":"done"');
    expect(res.stdout + res.stderr).not.toContain('correct horse 1');
    tenantId = out.tenant.id;
  });

  it('user create adds a staff user to that tenant and prints the User', async () => {
    const res = await cli('user', 'create', '--tenant', tenantId, '--email', 'agent@acme.test', '--name', 'Ana', '--password', 'agent-pass-1', '--role', 'agent');
    expect(res.code).toBe(0);
    const user = JSON.parse(res.stdout);
    expect(Object.keys(user).sort()).toEqual(userKeys);
    expect(user).toMatchObject({ tenant_id: tenantId, email: 'agent@acme.test', name: 'Ana', role: 'agent', can_login: true });
  });

  it.each([
    [['user', 'create', '--tenant', 'x', '--email', 'a@b.test'], /missing --name, --password, --role/],
    [['user', 'create', '--tenant', 'x', '--email', 'a@b.test', '--name', 'A', '--password', 'long-enough-1', '--role', 'boss'], /--role must be one of admin, agent/],
    [['tenant', 'create', '--name', 'A', '--admin-email', 'a@b.test', '--admin-password', 'p', '--colour', 'red'], /Unknown option '--colour'/],
    [['frobnicate'], /unknown command: frobnicate/],
  ])('refuses bad input %j with exit code 1 and a message, before touching the database', async (args, message) => {
    const res = await cli(...args);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(message);
  });

  it.each([
    ['a taken email', ['user', 'create', '--email', 'AGENT@acme.test', '--name', 'B', '--password', 'agent-pass-2', '--role', 'agent'], /already taken/],
    ['a password too short', ['user', 'create', '--email', 'b@acme.test', '--name', 'B', '--password', 'short', '--role', 'agent'], /invalid password/],
    ['an unknown tenant', ['user', 'create', '--email', 'c@acme.test', '--name', 'C', '--password', 'agent-pass-3', '--role', 'agent', '--tenant', 'no-such-tenant'], /no tenant with id no-such-tenant/],
  ])('reports %s with exit code 1 and nothing on stdout', async (_, args, message) => {
    const res = await cli(...(args.includes('--tenant') ? args : [...args, '--tenant', tenantId]));
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(message);
  });

  it('--help prints the usage on stdout', async () => {
    const res = await cli('--help');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('tenant create --name <name> --admin-email <email> --admin-password <password>');
    expect(res.stdout).toContain('DATABASE_URL');
  });

  it('fails with a message naming the database when it cannot be opened', async () => {
    const res = await runCli(['migrate'], 'mysql://nobody:secret-pw@127.0.0.1:1/nothing');
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('cannot open the database mysql://nobody:***@127.0.0.1:1/nothing');
    expect(res.stderr).not.toContain('secret-pw');
  });
});
