import { parseArgs } from 'node:util';
import { roles, type Role } from '../../core/access/user.ts';

/** Where a password comes from: the argument (unsafe, kept for scripts), standard input, or a prompt on a terminal. */
export type PasswordSource = { readonly from: 'argument'; readonly value: string } | { readonly from: 'stdin' } | { readonly from: 'prompt' };

type Commands<P> =
  | { readonly kind: 'help' }
  | { readonly kind: 'migrate' }
  | { readonly kind: 'tenant create'; readonly name: string; readonly adminEmail: string; readonly adminPassword: P; readonly adminName?: string }
  | { readonly kind: 'user create'; readonly tenantId: string; readonly email: string; readonly name: string; readonly password: P; readonly role: Role };

/** The command line as given; `resolvePasswords` (password-input.ts) turns it into a `CliCommand`. */
export type ParsedCommand = Commands<PasswordSource>;
export type CliCommand = Commands<string>;

/** The command line was wrong; the message says how. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const usage = `Usage: npm run cli -- <command> [options]

Commands:
  tenant create --name <name> --admin-email <email> [--admin-password <password> | --password-stdin] [--admin-name <name>]
      Creates a tenant and its first admin; prints {"tenant":{"id","name"},"admin":User} as JSON.
  user create --tenant <tenant id> --email <email> --name <name> [--password <password> | --password-stdin] --role <admin|agent>
      Adds a staff user to a tenant; prints the User as JSON.
  migrate
      Brings the database schema up to date; prints {"applied":[...]} as JSON.
  --help
      Shows this text.

Passwords: --password-stdin reads it from standard input (one trailing newline dropped), e.g.
  printf '%s' "$PASSWORD" | npm run cli -- user create ... --password-stdin
Without either option, on a terminal, the CLI asks for it (nothing is echoed). --admin-password and
--password are UNSAFE: an argument shows in \`ps\` and in shell history; keep them for throwaway scripts.

The database is the one DATABASE_URL names (default sqlite:./data/switchboard.db).
Results go to stdout as JSON; logs and errors go to stderr. Exit code 1 on any error.
`;

type Spec = Readonly<Record<string, { readonly type: 'string' | 'boolean' }>>;

const options = (args: ReadonlyArray<string>, spec: Spec, required: ReadonlyArray<string>): Record<string, string> => {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: [...args], options: spec, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const missing = required.filter((name) => typeof values[name] !== 'string' || values[name] === '');
  if (missing.length > 0) throw new UsageError(`missing ${missing.map((name) => `--${name}`).join(', ')}`);
  return values as Record<string, string>;
};

const string = { type: 'string' } as const;
const flag = { type: 'boolean' } as const;

const passwordFrom = (o: Readonly<Record<string, string | boolean | undefined>>, argument: string): PasswordSource => {
  const given = o[argument];
  if (typeof given === 'string' && o['password-stdin'] === true) throw new UsageError(`give --${argument} or --password-stdin, not both`);
  if (typeof given === 'string') return { from: 'argument', value: given };
  return o['password-stdin'] === true ? { from: 'stdin' } : { from: 'prompt' };
};

/** Decodes `process.argv.slice(2)`; throws `UsageError` on anything it does not understand. */
export const parseCommand = (argv: ReadonlyArray<string>): ParsedCommand => {
  const [first, second, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help' || argv.includes('--help')) return { kind: 'help' };
  if (first === 'migrate') {
    if (argv.length > 1) throw new UsageError(`migrate takes no arguments (got ${argv.slice(1).join(' ')})`);
    return { kind: 'migrate' };
  }
  if (first === 'tenant' && second === 'create') {
    const spec = { name: string, 'admin-email': string, 'admin-password': string, 'password-stdin': flag, 'admin-name': string };
    const o = options(rest, spec, ['name', 'admin-email']);
    return {
      kind: 'tenant create',
      name: o.name!,
      adminEmail: o['admin-email']!,
      adminPassword: passwordFrom(o, 'admin-password'),
      ...(o['admin-name'] === undefined ? {} : { adminName: o['admin-name'] }),
    };
  }
  if (first === 'user' && second === 'create') {
    const o = options(rest, { tenant: string, email: string, name: string, password: string, 'password-stdin': flag, role: string }, ['tenant', 'email', 'name', 'role']);
    const role = o.role!;
    if (!(roles as ReadonlyArray<string>).includes(role)) throw new UsageError(`--role must be one of ${roles.join(', ')} (got ${role})`);
    return { kind: 'user create', tenantId: o.tenant!, email: o.email!, name: o.name!, password: passwordFrom(o, 'password'), role: role as Role };
  }
  throw new UsageError(`unknown command: ${argv.slice(0, 2).join(' ')}`);
};
