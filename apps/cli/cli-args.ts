import { parseArgs } from 'node:util';
import { roles, type Role } from '../../core/access/user.ts';

export type CliCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'migrate' }
  | { readonly kind: 'tenant create'; readonly name: string; readonly adminEmail: string; readonly adminPassword: string; readonly adminName?: string }
  | { readonly kind: 'user create'; readonly tenantId: string; readonly email: string; readonly name: string; readonly password: string; readonly role: Role };

/** The command line was wrong; the message says how. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const usage = `Usage: npm run cli -- <command> [options]

Commands:
  tenant create --name <name> --admin-email <email> --admin-password <password> [--admin-name <name>]
      Creates a tenant and its first admin; prints {"tenant":{"id","name"},"admin":User} as JSON.
  user create --tenant <tenant id> --email <email> --name <name> --password <password> --role <admin|agent>
      Adds a staff user to a tenant; prints the User as JSON.
  migrate
      Brings the database schema up to date; prints {"applied":[...]} as JSON.
  --help
      Shows this text.

The database is the one DATABASE_URL names (default sqlite:./data/switchboard.db).
Results go to stdout as JSON; logs and errors go to stderr. Exit code 1 on any error.
`;

type Spec = Readonly<Record<string, { readonly type: 'string' }>>;

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

/** Decodes `process.argv.slice(2)`; throws `UsageError` on anything it does not understand. */
export const parseCommand = (argv: ReadonlyArray<string>): CliCommand => {
  const [first, second, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help' || argv.includes('--help')) return { kind: 'help' };
  if (first === 'migrate') {
    if (argv.length > 1) throw new UsageError(`migrate takes no arguments (got ${argv.slice(1).join(' ')})`);
    return { kind: 'migrate' };
  }
  if (first === 'tenant' && second === 'create') {
    const o = options(rest, { name: string, 'admin-email': string, 'admin-password': string, 'admin-name': string }, ['name', 'admin-email', 'admin-password']);
    return {
      kind: 'tenant create',
      name: o.name!,
      adminEmail: o['admin-email']!,
      adminPassword: o['admin-password']!,
      ...(o['admin-name'] === undefined ? {} : { adminName: o['admin-name'] }),
    };
  }
  if (first === 'user' && second === 'create') {
    const o = options(rest, { tenant: string, email: string, name: string, password: string, role: string }, ['tenant', 'email', 'name', 'password', 'role']);
    const role = o.role!;
    if (!(roles as ReadonlyArray<string>).includes(role)) throw new UsageError(`--role must be one of ${roles.join(', ')} (got ${role})`);
    return { kind: 'user create', tenantId: o.tenant!, email: o.email!, name: o.name!, password: o.password!, role: role as Role };
  }
  throw new UsageError(`unknown command: ${argv.slice(0, 2).join(' ')}`);
};
