import { randomBytes } from 'node:crypto';
import { Effect } from 'effect';
import type { PasswordHasher } from '../../core/access/credentials.port.ts';
import type { Clock, IdGenerator } from '../../core/shared/ports.ts';
import type { UnitOfWork } from '../../core/shared/unit-of-work.port.ts';
import { CreateTenantUseCase } from '../../core/tenancy/create-tenant.use-case.ts';
import type { TenantDirectory } from '../../core/tenancy/tenant-directory.port.ts';

export const demoAdminEmail = 'admin@demo.local';

export interface DemoCredentials {
  readonly tenantId: string;
  readonly email: string;
  readonly password: string;
}

export interface BootstrapDeps {
  readonly uow: UnitOfWork;
  readonly directory: TenantDirectory;
  readonly hasher: PasswordHasher;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/**
 * On a database without any tenant, creates a demo tenant with an admin and a random password, and
 * returns the credentials (the only time they are known); null when a tenant already exists.
 */
export const ensureDemoTenant = async (deps: BootstrapDeps): Promise<DemoCredentials | null> => {
  if (await Effect.runPromise(deps.directory.hasAny())) return null;
  const password = randomBytes(12).toString('base64url');
  const created = await Effect.runPromise(
    new CreateTenantUseCase(deps)
      .execute({ name: 'Demo', adminEmail: demoAdminEmail, adminPassword: password, adminName: 'Demo admin' })
      .pipe(
        Effect.map(({ tenant }) => tenant.id),
        // Another process starting on the same empty database created it first.
        Effect.catchTag('EmailTaken', () => Effect.succeed(null)),
      ),
  );
  return created === null ? null : { tenantId: created, email: demoAdminEmail, password };
};

/**
 * The demo tenant is the embedded default's convenience (SQLite): on MySQL/MariaDB an empty database
 * is a production one being set up, and its first admin comes from the CLI, never from stderr.
 */
export const ensureDemoTenantOn = (store: 'sqlite' | 'mysql' | 'memory', deps: BootstrapDeps): Promise<DemoCredentials | null> =>
  store === 'sqlite' ? ensureDemoTenant(deps) : Promise.resolve(null);

/** What `npm start` prints to the console (stderr) once it listens: where it is and how to log in. */
export const startBanner = (url: string, demo: DemoCredentials | null): string => {
  const login = demo
    ? [
        '  A demo tenant was created. Its admin (shown only this once, keep it):',
        `    email:    ${demo.email}`,
        `    password: ${demo.password}`,
        `  Log in:  curl -s ${url}/api/login -H 'content-type: application/json' \\`,
        `             -d '{"email":"${demo.email}","password":"${demo.password}"}'`,
      ]
    : [
        `  Log in with POST ${url}/api/login {"email","password"} as a tenant's admin.`,
        '  New tenant: npm run cli -- tenant create --name <name> --admin-email <email> --admin-password <password>',
      ];
  const rule = '='.repeat(72);
  return [rule, `  Switchboard API listening on ${url}`, `  API docs: ${url}/docs (OpenAPI: ${url}/api/openapi.json)`, ...login, rule, ''].join('\n');
};
