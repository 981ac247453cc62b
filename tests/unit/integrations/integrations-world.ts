import { Effect } from 'effect';
import { afterEach, beforeEach } from 'vitest';
import { MemoryUnitOfWork } from '../../../adapters/memory/memory-unit-of-work.ts';
import { MemoryOutboxFeed } from '../../../adapters/memory/memory-outbox-feed.ts';
import { InProcessJobRunner } from '../../../adapters/in-process/in-process-job-runner.ts';
import { QiscusChatPlatform } from '../../../adapters/qiscus/qiscus-chat-platform.ts';
import { QiscusWebhookNotices } from '../../../adapters/qiscus/qiscus-webhooks.ts';
import { qiscusSettings } from '../../../adapters/qiscus/qiscus-settings.ts';
import { randomSecretGenerator } from '../../../adapters/crypto/standard-webhooks.ts';
import type { User } from '../../../core/access/user.ts';
import type { Actor } from '../../../core/shared/actor.ts';
import type { DomainEvent, DomainEventType, EventOf } from '../../../core/shared/events.ts';
import type { Clock } from '../../../core/shared/ports.ts';
import type { Tenant } from '../../../core/tenancy/tenant.ts';
import type { Ticket } from '../../../core/tickets/ticket.ts';
import { AllocateRoomsUseCase } from '../../../core/integrations/allocate-rooms.use-case.ts';
import { AuthenticatePlatformWebhookUseCase } from '../../../core/integrations/authenticate-platform-webhook.use-case.ts';
import { ConfigurePlatformUseCase } from '../../../core/integrations/configure-platform.use-case.ts';
import { GetPlatformIntegrationUseCase } from '../../../core/integrations/get-platform-integration.use-case.ts';
import { ReconcileRoomsUseCase } from '../../../core/integrations/reconcile-rooms.use-case.ts';
import { ResolveRoomOnPlatformHandler } from '../../../core/integrations/resolve-room-on-platform.handler.ts';
import { RoomAllocationHandler } from '../../../core/integrations/room-allocation.handler.ts';
import { RoomNeedsAgentUseCase } from '../../../core/integrations/room-needs-agent.use-case.ts';
import { RoomResolvedUseCase } from '../../../core/integrations/room-resolved.use-case.ts';
import { SetMarkAsResolvedUseCase } from '../../../core/integrations/set-mark-as-resolved.use-case.ts';
import { SweepPlatformUseCase } from '../../../core/integrations/sweep-platform.use-case.ts';
import { ChangeTicketStatusUseCase } from '../../../core/tickets/change-ticket-status.use-case.ts';
import { DrainQueueUseCase } from '../../../core/allocation/drain-queue.use-case.ts';
import { FakeQiscus } from '../../support/fake-qiscus/fake-qiscus.ts';
import { caaWebhookPayload, resolveWebhookPayload } from '../../support/fake-qiscus/fake-qiscus-webhooks.ts';
import { anyDestination, privateNetworkOutbound } from '../../support/outbound.ts';
import type { DestinationPolicy } from '../../../core/shared/outbound.port.ts';
import type { ChatPlatform } from '../../../core/allocation/chat-platform.port.ts';
import { aTenant, freshId, seed } from '../../support/allocation-builders.ts';

/** A clock the test moves; every reading advances it by one millisecond so ids and times stay ordered. */
export const testClock = () => {
  let ms = Date.parse('2030-01-01T09:00:00.000Z');
  const clock: Clock & { advance(ms: number): void } = {
    now: () => new Date(ms++),
    advance: (by: number) => {
      ms += by;
    },
  };
  return clock;
};

export const run = <A, E>(effect: Effect.Effect<A, E>): Promise<A> => Effect.runPromise(effect);
export const failureOf = <A, E>(effect: Effect.Effect<A, E>): Promise<E> => Effect.runPromise(Effect.flip(effect));

export interface WorldOptions {
  readonly tenant?: Tenant;
  readonly publicBaseUrl?: string;
  readonly destinations?: DestinationPolicy;
  /** Puts something between the use cases and the Qiscus client (e.g. a call held until the test releases it). */
  readonly wrapPlatform?: (qiscus: ChatPlatform) => ChatPlatform;
}

/** A memory store, one tenant, a fake Qiscus, every integration use case, and an in-process job loop the test drives. */
export const integrationsWorld = async (options: WorldOptions = {}) => {
  const fake = await FakeQiscus.start();
  const uow = new MemoryUnitOfWork();
  const clock = testClock();
  const ids = { next: () => freshId() };
  const tenant = options.tenant ?? aTenant().build();
  await seed(uow, { tenant });
  const publicBaseUrl = options.publicBaseUrl ?? 'https://switchboard.example.test';
  const qiscus = new QiscusChatPlatform({ timeoutMs: 300, maxAttempts: 3, baseDelayMs: 2, maxDelayMs: 10, outbound: privateNetworkOutbound });
  const platform = options.wrapPlatform?.(qiscus) ?? qiscus;
  const notices = new QiscusWebhookNotices();
  const env = { uow, clock, ids };
  const allocateRooms = new AllocateRoomsUseCase({ ...env, platform });
  const reconcileRooms = new ReconcileRoomsUseCase({ ...env, platform });
  const useCases = {
    configureQiscus: new ConfigurePlatformUseCase({ uow, clock, tokens: randomSecretGenerator, publicBaseUrl, destinations: options.destinations ?? anyDestination, settings: qiscusSettings }),
    getQiscusIntegration: new GetPlatformIntegrationUseCase({ uow, publicBaseUrl, settings: qiscusSettings }),
    setMarkAsResolved: new SetMarkAsResolvedUseCase({ uow, platform, publicBaseUrl, settings: qiscusSettings }),
    authenticateQiscusWebhook: new AuthenticatePlatformWebhookUseCase({ uow, notices }),
    roomNeedsAgent: new RoomNeedsAgentUseCase({ ...env, notices, platform }),
    roomResolved: new RoomResolvedUseCase({ ...env, notices, platform }),
    allocateRooms,
    reconcileRooms,
    sweep: new SweepPlatformUseCase({ uow, reconcile: reconcileRooms, allocate: allocateRooms }),
    changeStatus: new ChangeTicketStatusUseCase(env),
    drainQueue: new DrainQueueUseCase(env),
  };
  const handlers = [new RoomAllocationHandler(allocateRooms), new ResolveRoomOnPlatformHandler({ uow, platform })];
  const jobs = new InProcessJobRunner({ feed: new MemoryOutboxFeed(uow.db), handlers, clock, backoffMs: () => 1, maxAttempts: 6 });
  const admin: Actor = { userId: 'admin', tenantId: tenant.id, role: 'admin' };
  const agentActor: Actor = { userId: 'agent', tenantId: tenant.id, role: 'agent' };
  const rooms = new Map<string, number>();

  const world = {
    fake,
    uow,
    clock,
    ids,
    tenant,
    platform,
    useCases,
    handlers,
    admin,
    agentActor,
    /** Configures the integration against the fake (with its admin login unless told otherwise). */
    configure: (overrides: Partial<{ adminEmail: string | null; adminPassword: string | null; baseUrl: string }> = {}) =>
      run(
        useCases.configureQiscus.execute(
          {
            appCode: fake.credentials.appCode,
            secretKey: fake.credentials.secretKey,
            baseUrl: overrides.baseUrl ?? fake.baseUrl,
            adminEmail: overrides.adminEmail === undefined ? fake.credentials.adminEmail : overrides.adminEmail,
            adminPassword: overrides.adminPassword === undefined ? fake.credentials.adminPassword : overrides.adminPassword,
          },
          admin,
        ),
      ),
    /** A customer writes in a (new) room: the CAA webhook's payload, as Qiscus sends it. */
    caa: (roomId: string) => {
      const room = fake.state.rooms.get(roomId) ?? fake.addRoom({ roomId });
      return caaWebhookPayload({ appCode: fake.credentials.appCode, roomId, customer: room.customer, channelId: room.channelId });
    },
    resolvePayload: (roomId: string, by = { id: 1, email: 'boss@example.com', name: 'Boss', type: 'admin' }) => {
      const room = fake.state.rooms.get(roomId);
      if (room === undefined) throw new Error(`no room ${roomId}`);
      return resolveWebhookPayload({ appCode: fake.credentials.appCode, roomId, serviceId: room.serviceId, channelId: room.channelId, customer: room.customer, resolvedBy: by, notes: '' });
    },
    /** Intake of a room's CAA webhook through the use case. */
    roomNeedsAgent: (roomId: string) => run(useCases.roomNeedsAgent.execute({ tenantId: tenant.id, payload: world.caa(roomId) })),
    /** Runs queued jobs until the outbox is drained. */
    async drive(): Promise<void> {
      for (let round = 0; round < 200; round++) if ((await jobs.runOnce()) === 0) return;
      throw new Error('jobs did not settle');
    },
    nextRoomId: (): string => {
      const n = rooms.size + 1;
      const id = `${4_000_000 + n}`;
      rooms.set(id, n);
      return id;
    },
    tickets: (): Ticket[] => [...uow.db.tickets.values()].filter((t) => t.tenantId === tenant.id),
    roomTickets: (roomId: string): Ticket[] => world.tickets().filter((t) => t.channel === 'qiscus' && t.externalRef === roomId),
    ticket: (id: string): Ticket => uow.db.tickets.get(id) as Ticket,
    user: (id: string): User => uow.db.users.get(id) as User,
    userByEmail: (email: string): User | undefined => [...uow.db.users.values()].find((u) => u.tenantId === tenant.id && u.email === email),
    events: (): DomainEvent[] => [...uow.db.outbox.values()].sort((a, b) => a.sequence - b.sequence).map((row) => row.event),
    eventsOf<T extends DomainEventType>(type: T): Array<EventOf<T>> {
      return world.events().filter((e): e is EventOf<T> => e.type === type);
    },
    /** Successful assign_agent calls per room. */
    assignedOnQiscus: (roomId: string) => fake.assignCallsFor(roomId).filter((c) => c.status === 200).length,
    close: () => fake.close(),
  };
  return world;
};

export type IntegrationsWorld = Awaited<ReturnType<typeof integrationsWorld>>;

/** A fresh world per test, closed after it. */
export const useIntegrationsWorld = (options: WorldOptions = {}): (() => IntegrationsWorld) => {
  let world: IntegrationsWorld | undefined;
  beforeEach(async () => {
    world = await integrationsWorld(options);
  });
  afterEach(async () => {
    await world?.close();
  });
  return () => {
    if (!world) throw new Error('world not started');
    return world;
  };
};
