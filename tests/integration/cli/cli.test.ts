import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Effect } from 'effect';
import { Argon2PasswordHasher } from '../../../adapters/crypto/argon2-password-hasher.ts';
import { openDatabase } from '../../../adapters/mikro-orm/open-database.ts';
import { runCli, tempSqlite } from './cli-runner.ts';

const userKeys = ['active', 'availability', 'can_login', 'created_at', 'email', 'id', 'max_customers', 'name', 'role', 'tenant_id', 'updated_at'];
const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

let db: Awaited<ReturnType<typeof tempSqlite>>;
beforeAll(async () => {
  db = await tempSqlite();
});
afterAll(() => db.remove());

const cli = (...args: string[]) => runCli(args, db.url);

const passwordMatches = async (email: string, password: string): Promise<boolean> => {
  const store = await openDatabase(db.url, { migrate: false });
  try {
    const [row] = await store.orm.em.getConnection().execute<Array<{ password_hash: string }>>('select password_hash from users where email = ?', [email]);
    return row !== undefined && (await Effect.runPromise(new Argon2PasswordHasher().verify(row.password_hash, password)));
  } finally {
    await store.close();
  }
};

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

  it('user create takes the password from standard input with --password-stdin (finding 10)', async () => {
    const res = await runCli(['user', 'create', '--tenant', tenantId, '--email', 'stdin@acme.test', '--name', 'Sid', '--password-stdin', '--role', 'agent'], db.url, 'piped pass 42\n');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ email: 'stdin@acme.test', can_login: true });
    expect(res.stdout + res.stderr).not.toContain('piped pass 42');
    expect(await passwordMatches('stdin@acme.test', 'piped pass 42')).toBe(true);
  });

  it('without a password, off a terminal, it says how to give one; both ways at once is refused', async () => {
    const none = await cli('user', 'create', '--tenant', tenantId, '--email', 'n@acme.test', '--name', 'N', '--role', 'agent');
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/--password-stdin/);
    const both = await runCli(['user', 'create', '--tenant', tenantId, '--email', 'n@acme.test', '--name', 'N', '--password', 'x-long-enough', '--password-stdin', '--role', 'agent'], db.url, 'y');
    expect(both.stderr).toMatch(/not both/);
  });

  it.each([
    [['user', 'create', '--tenant', 'x', '--email', 'a@b.test'], /missing --name, --role/],
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
    expect(res.stdout).toContain('tenant create --name <name> --admin-email <email> [--admin-password <password> | --password-stdin]');
    expect(res.stdout).toMatch(/UNSAFE: an argument shows in `ps`/);
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
