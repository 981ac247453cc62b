// Another Koa app serving Switchboard's whole HTTP API under /support: SQLite store, jobs in this process.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Effect } from 'effect';
import Koa from 'koa';
import { createSwitchboard } from 'switchboard/app';
import { mountApi } from 'switchboard/http';

export const mountExample = async (port = 0, dataDir = './data') => {
  const switchboard = await createSwitchboard({
    databaseUrl: `sqlite:${dataDir}/support.db`,
    dataDir,
    jwtSecret: process.env.JWT_SECRET ?? randomBytes(32).toString('base64url'),
    publicBaseUrl: `http://localhost:${port}/support`,
    logLevel: 'warn',
  });
  const app = new Koa();
  app.use(mountApi('/support', switchboard.http));
  app.use((ctx) => {
    ctx.body = { page: 'the shop' }; // the host app's own routes keep working
  });
  switchboard.startJobs();
  const server = app.listen(port);
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://localhost:${(server.address() as AddressInfo).port}`;

  const credentials = { email: `admin-${randomBytes(4).toString('hex')}@shop.test`, password: 'correct horse battery' };
  await Effect.runPromise(
    switchboard.useCases.createTenant.execute({ name: 'Shop', adminEmail: credentials.email, adminPassword: credentials.password }),
  );
  const login = await fetch(`${base}/support/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  const session = (await login.json()) as { access_token: string; user: { email: string; role: string } };
  const host = await (await fetch(`${base}/`)).json();

  await new Promise((resolve) => server.close(resolve));
  await switchboard.close();
  return { loginStatus: login.status, user: session.user, host };
};

if (import.meta.main) console.log(JSON.stringify(await mountExample(Number(process.env.PORT ?? 0))));
