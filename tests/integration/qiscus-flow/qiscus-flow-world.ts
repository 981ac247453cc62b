import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Router } from '@koa/router';
import Koa from 'koa';
import { afterEach, beforeEach } from 'vitest';
import { JwtAccessTokenIssuer } from '../../../adapters/crypto/jwt-access-token-issuer.ts';
import { CursorCodec } from '../../../adapters/http-koa/cursor-codec.ts';
import { qiscusRoutes } from '../../../adapters/http-koa/qiscus/qiscus.routes.ts';
import { runRoute } from '../../../adapters/http-koa/route-runner.ts';
import { AuthenticateUseCase } from '../../../core/access/authenticate.use-case.ts';
import { anAgent, seed } from '../../support/allocation-builders.ts';
import { integrationsWorld, type IntegrationsWorld } from '../../unit/integrations/integrations-world.ts';

export interface FlowResponse {
  readonly status: number;
  // oxlint-disable-next-line no-explicit-any -- JSON bodies are asserted field by field
  readonly body: any;
}

/** The integration world behind a real HTTP server that mounts the Qiscus routes, with staff tokens. */
export const qiscusFlowWorld = async () => {
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const world = await integrationsWorld({ publicBaseUrl: baseUrl });
  const accessTokens = new JwtAccessTokenIssuer({ secret: randomBytes(32).toString('hex'), ttlSeconds: 3600 });
  const services = {
    useCases: { authenticate: new AuthenticateUseCase({ uow: world.uow, accessTokens, clock: world.clock }) },
    cursors: new CursorCodec(randomBytes(32)),
    trustProxy: 0,
    bodyLimitBytes: 1024 * 1024,
  };
  const router = new Router();
  for (const route of qiscusRoutes(world.useCases)) router[route.method](route.path, runRoute(route, services));
  const koa = new Koa();
  koa.use(router.routes());
  handler = koa.callback();

  const staffToken = async (role: 'admin' | 'agent'): Promise<string> => {
    const base = anAgent(world.tenant.id);
    const user = (role === 'admin' ? base.admin() : base).offline().build();
    await seed(world.uow, { users: [user] });
    return accessTokens.issue({ userId: user.id, tenantId: user.tenantId, role }, world.clock.now()).token;
  };

  const request = async (method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<FlowResponse> => {
    const headers: Record<string, string> = {};
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(baseUrl + path, { method, headers, ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }) });
    const text = await res.text();
    return { status: res.status, body: text === '' ? null : JSON.parse(text) };
  };

  return {
    ...world,
    baseUrl,
    request,
    staffToken,
    /** PUT the fake's app through the API and point the fake's CAA webhook at us; returns the integration JSON. */
    async connect(adminToken: string) {
      const { credentials } = world.fake;
      const res = await request('PUT', '/api/integrations/qiscus', {
        token: adminToken,
        body: { app_code: credentials.appCode, secret_key: credentials.secretKey, base_url: world.fake.baseUrl, admin_email: credentials.adminEmail, admin_password: credentials.adminPassword },
      });
      if (res.status !== 200) throw new Error(`PUT integration failed: ${res.status}`);
      world.fake.configureAllocationWebhook(res.body.agent_allocation_url);
      return res.body as { webhook_token: string; agent_allocation_url: string; mark_as_resolved_url: string };
    },
    /** Waits for the fake's webhooks to be answered, then runs jobs until nothing is left. */
    async settle(): Promise<void> {
      await world.fake.settled();
      await world.drive();
    },
    async close() {
      await world.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

export type QiscusFlowWorld = Awaited<ReturnType<typeof qiscusFlowWorld>>;

export const useQiscusFlowWorld = (): (() => QiscusFlowWorld) => {
  let world: QiscusFlowWorld | undefined;
  beforeEach(async () => {
    world = await qiscusFlowWorld();
  });
  afterEach(async () => {
    await world?.close();
  });
  return () => {
    if (!world) throw new Error('world not started');
    return world;
  };
};

export type { IntegrationsWorld };
