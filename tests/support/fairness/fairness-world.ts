import { Effect, Exit } from 'effect';
import { MemoryUnitOfWork } from '../../../adapters/memory/memory-unit-of-work.ts';
import { MemoryOutboxFeed } from '../../../adapters/memory/memory-outbox-feed.ts';
import { QiscusWebhookNotices } from '../../../adapters/qiscus/qiscus-webhooks.ts';
import { allocationHandler, allocationSweep } from '../../../apps/shared/allocation-jobs.ts';
import { isWaiting } from '../../../core/allocation/allocation.policy.ts';
import type { User } from '../../../core/access/user.ts';
import { AllocateRoomsUseCase } from '../../../core/integrations/allocate-rooms.use-case.ts';
import { ReconcileRoomsUseCase } from '../../../core/integrations/reconcile-rooms.use-case.ts';
import { ResolveRoomOnPlatformHandler } from '../../../core/integrations/resolve-room-on-platform.handler.ts';
import { RoomAllocationHandler } from '../../../core/integrations/room-allocation.handler.ts';
import { RoomNeedsAgentUseCase } from '../../../core/integrations/room-needs-agent.use-case.ts';
import { RoomResolvedUseCase } from '../../../core/integrations/room-resolved.use-case.ts';
import type { EventHandler } from '../../../core/shared/outbox.port.ts';
import type { DomainEvent } from '../../../core/shared/events.ts';
import { ChangeTicketStatusUseCase } from '../../../core/tickets/change-ticket-status.use-case.ts';
import { CreateTicketUseCase } from '../../../core/tickets/create-ticket.use-case.ts';
import { isActive, type Ticket, type TicketPriority } from '../../../core/tickets/ticket.ts';
import type { TenantDirectory } from '../../../core/tenancy/tenant-directory.port.ts';
import { aCustomer, anAgent, aTenant, freshId, seed } from '../allocation-builders.ts';
import { aQiscusIntegration } from '../integration-builders.ts';
import { caaWebhookPayload, resolveWebhookPayload } from '../fake-qiscus/fake-qiscus-webhooks.ts';
import { watchFairness, type Violation } from './fairness-oracle.ts';
import { ScriptedPlatform, type Gate } from './scripted-platform.ts';

export interface FairnessWorldOptions {
  /** Agents online in Switchboard (native tickets may go to them). */
  readonly nativeAgents: number;
  /** Agents the platform lists for every room; `shared` of them are the native agents themselves (same email). */
  readonly platformAgents: number;
  readonly shared?: number;
  readonly capacity: number;
  readonly gate?: Gate;
  /** Each webhook and each job is delivered twice (at-least-once delivery). */
  readonly duplicates?: boolean;
}

const testClock = () => {
  let ms = Date.parse('2030-01-01T09:00:00.000Z');
  return { now: () => new Date(ms++) };
};

/**
 * One tenant on the memory store with native agents, a scripted chat platform and every allocation job,
 * driven by the test: actions and jobs start when the test (or its scheduler) lets them, each job runs
 * its handler concurrently with the others, failed jobs are retried, and a fairness oracle watches
 * every assignment as it happens.
 */
export const fairnessWorld = async (options: FairnessWorldOptions) => {
  const uow = new MemoryUnitOfWork();
  const clock = testClock();
  const ids = { next: freshId };
  const tenant = aTenant().withDefaultCapacity(options.capacity).build();
  const tenantId = tenant.id;
  const natives = Array.from({ length: options.nativeAgents }, () => anAgent(tenantId).build());
  const shared = Math.min(options.shared ?? 0, natives.length, options.platformAgents);
  const platformOnly = Array.from({ length: options.platformAgents - shared }, () => anAgent(tenantId).offline().build());
  const platformUsers: ReadonlyArray<User> = [...natives.slice(0, shared), ...platformOnly];
  const platform = new ScriptedPlatform(platformUsers.map((u, i) => ({ platformAgentId: String(100 + i), name: u.name, email: u.email })));
  const admin = anAgent(tenantId).admin().build();
  const customer = aCustomer(tenantId);
  const integration = aQiscusIntegration(tenantId).build();
  await seed(uow, { tenant, users: [...natives, ...platformOnly, admin], customers: [customer] });
  await Effect.runPromise(uow.transaction((store) => store.integrations.save(integration)));
  if (options.gate !== undefined) platform.gate = options.gate;
  const gate = options.gate ?? (() => Promise.resolve());

  const platformIds = new Set(platformUsers.map((u) => u.id));
  const onlineIds = new Set(natives.map((u) => u.id));
  const holder = (ticket: Ticket): string | null => {
    const agentId = ticket.externalRef === null ? null : (platform.rooms.get(ticket.externalRef)?.agentId ?? null);
    return agentId === null ? null : (platformUsers[Number(agentId) - 100]?.id ?? null);
  };
  const violations: ReadonlyArray<Violation> = watchFairness(uow.db, tenantId, (ticket) => (ticket.channel === 'qiscus' ? platformIds : onlineIds), holder);

  const env = { uow, clock, ids };
  const notices = new QiscusWebhookNotices();
  const allocateRooms = new AllocateRoomsUseCase({ ...env, platform });
  const directory = { withWaitingTickets: () => Effect.succeed([tenantId]), hasAny: () => Effect.succeed(true) } as unknown as TenantDirectory;
  const handlers: ReadonlyArray<EventHandler> = [
    allocationHandler({ ...env, directory }),
    new RoomAllocationHandler(allocateRooms),
    new ResolveRoomOnPlatformHandler({ uow, platform }),
  ];
  const nativeSweep = allocationSweep({ ...env, directory });
  const useCases = {
    roomNeedsAgent: new RoomNeedsAgentUseCase({ ...env, notices, platform }),
    roomResolved: new RoomResolvedUseCase({ ...env, notices, platform }),
    createTicket: new CreateTicketUseCase(env),
    changeStatus: new ChangeTicketStatusUseCase(env),
    reconcile: new ReconcileRoomsUseCase({ ...env, platform, staleAfterMs: 60_000 }),
    allocateRooms,
  };
  const asAdmin = { userId: admin.id, tenantId, role: 'admin' as const };
  const feed = new MemoryOutboxFeed(uow.db);
  const copies = options.duplicates === true ? 2 : 1;
  const failures: Array<string> = [];
  let running = 0;

  const runJob = async (handler: EventHandler, event: DomainEvent, attempt: number): Promise<void> => {
    running += 1;
    try {
      await gate(`job ${handler.name} ${event.type}`);
      const exit = await Effect.runPromiseExit(handler.handle(event));
      if (Exit.isFailure(exit)) {
        if (attempt < 8) void runJob(handler, event, attempt + 1);
        else failures.push(`${handler.name} gave up on ${event.type}`);
      }
    } finally {
      running -= 1;
      await pump();
    }
  };

  /** Publishes what the outbox holds: one job per handler and event (twice with duplicates). */
  const pump = async (): Promise<void> => {
    const entries = await Effect.runPromise(feed.claim(100, clock.now(), 3600));
    if (entries.length === 0) return;
    await Effect.runPromise(feed.markPublished(entries.map((e) => e.sequence), clock.now()));
    for (const { event } of entries) {
      for (const handler of handlers) {
        if (handler.handles(event)) for (let copy = 0; copy < copies; copy++) void runJob(handler, event, 1);
      }
    }
  };

  const deliver = async (work: Effect.Effect<unknown, unknown>): Promise<void> => {
    const runs = Array.from({ length: copies }, async () => {
      await gate('webhook');
      await Effect.runPromiseExit(work);
    });
    await Promise.all(runs);
    await pump();
  };

  const tickets = (): ReadonlyArray<Ticket> => [...uow.db.tickets.values()].filter((t) => t.tenantId === tenantId);

  return {
    uow,
    tenantId,
    platform,
    natives,
    platformUsers,
    capacity: options.capacity,
    violations,
    failures,
    tickets,
    isIdle: () => running === 0,
    pump,
    /** A customer writes in on a platform room: like Qiscus, the allocation webhook comes only while nobody serves the room. */
    roomWritesIn: (roomId: string) => {
      platform.openSession(roomId);
      if (platform.rooms.get(roomId)?.agentId != null) return Promise.resolve();
      return deliver(useCases.roomNeedsAgent.execute({ tenantId, payload: caaWebhookPayload({ appCode: integration.appCode, roomId }) }));
    },
    /** The platform resolves the room and sends its resolve webhook; the answer delivers that same notice again. */
    roomResolvedOnPlatform: async (roomId: string): Promise<() => Promise<void>> => {
      const sessionId = platform.resolveOnPlatform(roomId);
      if (sessionId === null) return () => Promise.resolve();
      const payload = resolveWebhookPayload({
        appCode: integration.appCode, roomId, serviceId: sessionId, channelId: 1, notes: 'done',
        customer: { userId: 'c@example.test', name: 'C' }, resolvedBy: { id: 1, email: 'boss@example.test', name: 'Boss', type: 'admin' },
      });
      const again = () => deliver(useCases.roomResolved.execute({ tenantId, payload }));
      await again();
      return again;
    },
    /** A native ticket (auto-assigned). */
    nativeTicket: (priority: TicketPriority = 'medium') =>
      deliver(useCases.createTicket.execute({ title: 'Help', customerId: customer.id, priority, autoAssign: true }, asAdmin)),
    /** Staff resolve a ticket through the API. */
    resolve: (ticketId: string) => deliver(useCases.changeStatus.execute({ ticketId, status: 'resolved' }, asAdmin)),
    /** The periodic sweeps: reconcile and allocate rooms, then drain the native queue. */
    sweep: () =>
      deliver(Effect.andThen(Effect.andThen(useCases.reconcile.execute({ tenantId }), useCases.allocateRooms.execute({ tenantId })), nativeSweep())),
    /** Active tickets assigned to someone, oldest first. */
    served: () => tickets().filter((t) => isActive(t) && t.assignedAgentId !== null),
    /** Every automatic assignment announced so far. */
    assignedEvents: () =>
      [...uow.db.outbox.values()].flatMap(({ event }) => (event.type === 'ticket.assigned' && event.payload.by === 'allocator' ? [event.payload] : [])),
    waiting: () => tickets().filter(isWaiting),
  };
};

export type FairnessWorld = Awaited<ReturnType<typeof fairnessWorld>>;
