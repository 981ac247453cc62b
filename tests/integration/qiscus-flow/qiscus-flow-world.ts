import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Router } from '@koa/router';
import Koa from 'koa';
import { Effect } from 'effect';
import { afterEach, beforeEach } from 'vitest';
import { Argon2PasswordHasher } from '../../../adapters/crypto/argon2-password-hasher.ts';
import { randomSecretGenerator, standardWebhookVerifier, webhookSecretGenerator } from '../../../adapters/crypto/standard-webhooks.ts';
import { JwtAccessTokenIssuer } from '../../../adapters/crypto/jwt-access-token-issuer.ts';
import { RandomRefreshTokenFactory } from '../../../adapters/crypto/random-refresh-token-factory.ts';
import { CursorCodec } from '../../../adapters/http-koa/cursor-codec.ts';
import { qiscusRoutes } from '../../../adapters/http-koa/qiscus/qiscus.routes.ts';
import type { QiscusUseCases } from '../../../adapters/http-koa/qiscus/qiscus-use-cases.ts';
import { runRoute } from '../../../adapters/http-koa/route-runner.ts';
import { InProcessJobRunner } from '../../../adapters/in-process/in-process-job-runner.ts';
import { QiscusChatPlatform } from '../../../adapters/qiscus/qiscus-chat-platform.ts';
import { QiscusWebhookNotices } from '../../../adapters/qiscus/qiscus-webhooks.ts';
import { qiscusSettings } from '../../../adapters/qiscus/qiscus-settings.ts';
import { useCaseFactories, type CoreDeps } from '../../../apps/api/use-case-factories.ts';
import { buildJobs, type Jobs } from '../../../apps/shared/jobs.ts';
import type { OutboxFeed } from '../../../core/shared/outbox.port.ts';
import { aTenant, anAgent, freshId, seed } from '../../support/allocation-builders.ts';
import { FakeQiscus } from '../../support/fake-qiscus/fake-qiscus.ts';
import { caaWebhookPayload, resolveWebhookPayload } from '../../support/fake-qiscus/fake-qiscus-webhooks.ts';
import type { FlowStore, FlowStoreKind } from '../../support/qiscus-stores.ts';
import { testClock } from '../../unit/integrations/integrations-world.ts';
import { privateNetworkGuard, privateNetworkOutbound } from '../../support/outbound.ts';
import { snapshotOf } from './qiscus-flow-snapshot.ts';
import { noOutboundHttp } from '../../../core/shared/outbound.port.ts';

export interface FlowResponse {
  readonly status: number;
  // oxlint-disable-next-line no-explicit-any -- JSON bodies are asserted field by field
  readonly body: any;
}

/** One job process: `buildJobs` handlers through an in-process runner on a store's outbox feed, as the apps run them. */
export interface JobProcess {
  readonly runner: InProcessJobRunner;
  readonly jobs: Jobs;
  /** How many outbox entries this process has claimed so far. */
  claimed(): number;
}

/** The feed, counting what it hands out. */
const countingFeed = (feed: OutboxFeed) => {
  let claimed = 0;
  const counted: OutboxFeed = {
    claim: (limit, now, leaseSeconds) => Effect.tap(feed.claim(limit, now, leaseSeconds), (entries) => Effect.sync(() => (claimed += entries.length))),
    markPublished: (sequences, at) => feed.markPublished(sequences, at),
  };
  return { feed: counted, claimed: () => claimed };
};

/**
 * The Qiscus routes behind a real HTTP server, on a fresh store of `kind`, with the use cases the API
 * composes (`useCaseFactories`), a fake Qiscus, and the apps' jobs (`buildJobs`) that the test drives.
 */
export const qiscusFlowWorld = async (kind: FlowStoreKind, options: { readonly batchSize?: number } = {}) => {
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fake = await FakeQiscus.start();
  const database = await kind.open();
  const { store } = database;
  const clock = testClock();
  const ids = { next: () => freshId() };
  const tenant = aTenant().withDefaultCapacity(2).build();
  await seed(store.uow, { tenant });
  const platform = () => new QiscusChatPlatform({ timeoutMs: 300, maxAttempts: 3, baseDelayMs: 2, maxDelayMs: 10, outbound: privateNetworkOutbound });
  const accessTokens = new JwtAccessTokenIssuer({ secret: randomBytes(32).toString('hex'), ttlSeconds: 3600 });
  const deps: CoreDeps = {
    uow: store.uow,
    clock,
    ids,
    hasher: new Argon2PasswordHasher(),
    accessTokens,
    refreshTokens: new RandomRefreshTokenFactory({ ttlSeconds: 3600 }),
    secrets: randomSecretGenerator,
    channelSecrets: webhookSecretGenerator,
    verifier: standardWebhookVerifier,
    platform: platform(),
    destinations: privateNetworkGuard,
    notices: new QiscusWebhookNotices(),
    platformSettings: qiscusSettings,
    publicBaseUrl: baseUrl,
  };
  const names = ['configureQiscus', 'getQiscusIntegration', 'setMarkAsResolved', 'authenticateQiscusWebhook', 'roomNeedsAgent', 'roomResolved'] as const;
  const useCases = Object.fromEntries(names.map((name) => [name, useCaseFactories[name](deps)])) as unknown as QiscusUseCases;
  const services = { useCases: { authenticate: useCaseFactories.authenticate(deps) }, cursors: new CursorCodec(randomBytes(32)), trustProxy: 0, bodyLimitBytes: 1024 * 1024 };
  const router = new Router();
  for (const route of qiscusRoutes(useCases)) router[route.method](route.path, runRoute(route, services));
  const koa = new Koa();
  koa.use(router.routes());
  handler = koa.callback();

  const jobProcess = (on: FlowStore): JobProcess => {
    const jobs = buildJobs({ uow: on.uow, directory: on.directory, clock, ids, platform: platform(), outbound: noOutboundHttp, allocationSweepSeconds: 30 });
    const { feed, claimed } = countingFeed(on.outboxFeed);
    const runner = new InProcessJobRunner({ feed, handlers: jobs.handlers, clock, backoffMs: () => 1, maxAttempts: 6, batchSize: options.batchSize ?? 50 });
    return { runner, jobs, claimed };
  };
  const main = jobProcess(store);
  const rooms: string[] = [];

  const request = async (method: string, path: string, o: { token?: string; body?: unknown } = {}): Promise<FlowResponse> => {
    const headers: Record<string, string> = {};
    if (o.token !== undefined) headers.authorization = `Bearer ${o.token}`;
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(baseUrl + path, { method, headers, ...(o.body === undefined ? {} : { body: JSON.stringify(o.body) }) });
    const text = await res.text();
    return { status: res.status, body: text === '' ? null : JSON.parse(text) };
  };

  /** Claims and runs batches until a claim comes back empty after `until()` turned true. */
  const pump = async (runner: InProcessJobRunner, until: () => boolean): Promise<void> => {
    for (let round = 0; round < 2000; round++) {
      const done = until();
      const claimed = await runner.runOnce();
      if (claimed === 0 && done) return;
      if (claimed === 0) await sleep(2);
    }
    throw new Error('jobs did not settle');
  };

  const world = {
    kind: kind.name,
    fake,
    store,
    tenant,
    baseUrl,
    request,
    jobs: main.jobs,
    runner: main.runner,
    main,
    async staffToken(role: 'admin' | 'agent'): Promise<string> {
      const base = anAgent(tenant.id);
      const user = (role === 'admin' ? base.admin() : base).offline().build();
      await seed(store.uow, { users: [user] });
      return accessTokens.issue({ userId: user.id, tenantId: tenant.id, role }, clock.now()).token;
    },
    /** PUT the fake's app through the API and point the fake's CAA webhook at us; returns the integration JSON. */
    async connect(adminToken: string) {
      const { credentials } = fake;
      const res = await request('PUT', '/api/integrations/qiscus', {
        token: adminToken,
        body: { app_code: credentials.appCode, secret_key: credentials.secretKey, base_url: fake.baseUrl, admin_email: credentials.adminEmail, admin_password: credentials.adminPassword },
      });
      if (res.status !== 200) throw new Error(`PUT integration failed: ${res.status} ${JSON.stringify(res.body)}`);
      fake.configureAllocationWebhook(res.body.agent_allocation_url);
      return res.body as { webhook_token: string; agent_allocation_url: string; mark_as_resolved_url: string };
    },
    caa: (roomId: string) => {
      const room = fake.state.rooms.get(roomId) ?? fake.addRoom({ roomId });
      return caaWebhookPayload({ appCode: fake.credentials.appCode, roomId, customer: room.customer, channelId: room.channelId });
    },
    resolvePayload: (roomId: string) => {
      const room = fake.state.rooms.get(roomId);
      if (room === undefined) throw new Error(`no room ${roomId}`);
      const by = { id: 1, email: 'boss@example.com', name: 'Boss', type: 'admin' };
      return resolveWebhookPayload({ appCode: fake.credentials.appCode, roomId, serviceId: room.serviceId, channelId: room.channelId, customer: room.customer, resolvedBy: by, notes: '' });
    },
    nextRoomId: (): string => {
      const id = `${4_000_000 + rooms.length + 1}`;
      rooms.push(id);
      return id;
    },
    /** A second process's job runner: its own connection pool on the same database (MariaDB). */
    async anotherJobProcess(): Promise<JobProcess> {
      return jobProcess(await database.anotherProcess());
    },
    /** Runs the periodic Qiscus sweep once, as the apps' timer would. */
    async sweep(): Promise<unknown> {
      const sweep = main.jobs.sweeps.find((s) => s.name === 'qiscus-sweep');
      if (sweep === undefined) throw new Error('buildJobs has no qiscus-sweep');
      return sweep.sweep();
    },
    /** Waits for the fake's webhooks to be answered, then runs jobs until nothing is left. */
    async settle(): Promise<void> {
      await fake.settled();
      await pump(main.runner, () => true);
    },
    /** Runs every runner at once while `work` goes on, until the outbox is drained. */
    async runConcurrently(runners: ReadonlyArray<InProcessJobRunner>, work: Promise<unknown>): Promise<void> {
      let done = false;
      const finished = work.then(() => fake.settled()).finally(() => (done = true));
      await Promise.all([finished, ...runners.map((runner) => pump(runner, () => done))]);
    },
    snapshot: () => snapshotOf(store, tenant.id, fake),
    events: () => store.events(tenant.id),
    async close() {
      await fake.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
  return world;
};

export type QiscusFlowWorld = Awaited<ReturnType<typeof qiscusFlowWorld>>;

export const useQiscusFlowWorld = (kind: FlowStoreKind, options: { readonly batchSize?: number } = {}): (() => QiscusFlowWorld) => {
  let world: QiscusFlowWorld | undefined;
  beforeEach(async () => {
    world = await qiscusFlowWorld(kind, options);
  });
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });
  return () => {
    if (!world) throw new Error('world not started');
    return world;
  };
};
