import { Effect } from 'effect';
import { describe, expect, it } from 'vitest';
import { allocationHandler } from '../../../apps/shared/allocation-jobs.ts';
import { eventJobs, eventTypesOf, jobNames, registeredJobs, type JobName } from '../../../apps/shared/job-registry.ts';
import { openMemoryStore } from '../../../apps/shared/open-store.ts';
import { webhookJobs } from '../../../apps/shared/webhook-jobs.ts';
import { QiscusChatPlatform } from '../../../adapters/qiscus/qiscus-chat-platform.ts';
import { publicEventTypes } from '../../../core/events/envelope.ts';
import { AllocateRoomsUseCase } from '../../../core/integrations/allocate-rooms.use-case.ts';
import { ResolveRoomOnPlatformHandler } from '../../../core/integrations/resolve-room-on-platform.handler.ts';
import { RoomAllocationHandler } from '../../../core/integrations/room-allocation.handler.ts';
import { PermanentJobFailure, RetryableJobFailure, StoreUnavailable } from '../../../core/shared/errors.ts';
import { domainEvent, type DomainEvent, type DomainEventType, type EventPayload } from '../../../core/shared/events.ts';
import { jobFailureTable } from '../../../core/shared/job-failure.ts';
import { noOutboundHttp } from '../../../core/shared/outbound.port.ts';
import type { EventHandler } from '../../../core/shared/outbox.port.ts';
import { runEventHandler } from '../../../core/shared/run-event-handler.ts';
import { testEnv } from '../../support/allocation-builders.ts';

const event = <T extends DomainEventType>(type: T, payload: EventPayload<T>): DomainEvent =>
  domainEvent(type, { id: `${type}-${JSON.stringify(payload).length}`, tenantId: 't1', occurredAt: new Date() }, payload) as DomainEvent;

/** Every event type, with the payload variants the handlers tell apart. */
const samples: ReadonlyArray<DomainEvent> = [
  event('ticket.created', { ticketId: 'k', channel: 'api', priority: 'medium', autoAssign: true }),
  event('ticket.created', { ticketId: 'k', channel: 'qiscus', priority: 'medium', autoAssign: false }),
  event('ticket.assigned', { ticketId: 'k', agentId: 'a2', previousAgentId: 'a1', by: 'staff', decision: null }),
  event('ticket.assigned', { ticketId: 'k', agentId: 'a2', previousAgentId: null, by: 'allocator', decision: null }),
  event('ticket.unassigned', { ticketId: 'k', previousAgentId: 'a1' }),
  ...(['open', 'in_progress', 'resolved', 'closed'] as const).flatMap((from) =>
    (['open', 'in_progress', 'resolved', 'closed'] as const).flatMap((to) => [
      event('ticket.status_changed', { ticketId: 'k', from, to, agentId: null }),
      event('ticket.status_changed', { ticketId: 'k', from, to, agentId: null, by: 'platform' }),
    ]),
  ),
  event('message.created', { ticketId: 'k', messageId: 'm', senderType: 'customer' }),
  event('allocation.queued', { ticketId: 'k', decision: { kind: 'queued', reason: 'no_agent_available' } } as unknown as EventPayload<'allocation.queued'>),
  event('agent.availability_changed', { agentId: 'a', availability: 'online' }),
  event('agent.availability_changed', { agentId: 'a', availability: 'offline' }),
  event('agent.capacity_changed', { agentId: 'a', active: true, maxCustomers: 3 }),
  event('settings.changed', { maxCustomersPerAgent: 2, autoAssign: true }),
  event('room.queued', { ticketId: 'k', roomId: 'r' }),
  event('sla.breached', { ticketId: 'k', target: 'resolution' }),
  event('webhook.redelivery_requested', { webhookId: 'w', deliveryId: 'd' }),
];

/** Each job's handler as built, before the registry wraps it. */
const rawHandlers = (): { readonly [J in JobName]: EventHandler } => {
  const store = openMemoryStore();
  const deps = { ...store, ...testEnv(), platform: new QiscusChatPlatform(), outbound: noOutboundHttp };
  return {
    allocation: allocationHandler(deps),
    'integrations.allocate-rooms': new RoomAllocationHandler(new AllocateRoomsUseCase(deps)),
    'integrations.resolve-room': new ResolveRoomOnPlatformHandler(deps),
    webhooks: webhookJobs(deps).handler,
  };
};

describe('the job registry (one event → job routing)', () => {
  it('declares every event type, the samples cover them all', () => {
    expect(new Set(samples.map((e) => e.type))).toEqual(new Set(Object.keys(eventJobs)));
  });

  it('routes to no job a handler would pass on: whatever a handler wants, the registry delivers to it', () => {
    const handlers = rawHandlers();
    const missing = jobNames.flatMap((job) =>
      samples.filter((e) => handlers[job].handles(e) && !eventTypesOf(job).includes(e.type)).map((e) => `${job} wants ${e.type}`),
    );
    expect(missing).toEqual([]);
  });

  it('routes to every job some event it handles (no dead binding)', () => {
    const handlers = rawHandlers();
    for (const job of jobNames) {
      for (const type of eventTypesOf(job)) expect(samples.some((e) => e.type === type && handlers[job].handles(e)), `${job} on ${type}`).toBe(true);
    }
  });

  it('sends webhooks for exactly the public event types (and wakes them on a redelivery request)', () => {
    expect([...eventTypesOf('webhooks')].sort()).toEqual([...publicEventTypes, 'webhook.redelivery_requested'].sort());
  });

  it('offers a registered job only the types routed to it, whatever its handler says', () => {
    const everything: EventHandler = { name: 'any', handles: () => true, handle: () => Effect.void };
    const jobs = registeredJobs({ allocation: everything, 'integrations.allocate-rooms': everything, 'integrations.resolve-room': everything, webhooks: everything });
    const resolve = jobs.find((j) => j.name === 'integrations.resolve-room');
    expect(resolve?.eventTypes).toEqual(['ticket.status_changed']);
    expect(samples.filter((e) => resolve?.handles(e)).every((e) => e.type === 'ticket.status_changed')).toBe(true);
    expect(jobs.map((j) => j.name)).toEqual([...jobNames]);
  });

  it('keeps what a handler says of how its jobs run (the allocator batches its own)', () => {
    const jobs = registeredJobs(rawHandlers());
    expect(jobs.find((j) => j.name === 'allocation')?.concurrent).toBe(true);
    expect(jobs.find((j) => j.name === 'webhooks')?.concurrent).toBeUndefined();
  });
});

describe('job failures by tag (jobFailureTable)', () => {
  const failingWith = (effect: Effect.Effect<void, StoreUnavailable | RetryableJobFailure | PermanentJobFailure>): EventHandler => ({
    name: 'probe',
    handles: () => true,
    handle: () => effect,
  });
  const [sample] = samples;

  it('retries StoreUnavailable and RetryableJobFailure, gives up on PermanentJobFailure, each reason naming the tag', async () => {
    const outcomes = await Promise.all(
      [new StoreUnavailable({}), new RetryableJobFailure({ reason: 'upstream down' }), new PermanentJobFailure({ reason: 'refused' })].map((f) =>
        runEventHandler(failingWith(Effect.fail(f)), sample!),
      ),
    );
    expect(outcomes).toEqual([
      { ok: false, retry: true, reason: 'StoreUnavailable' },
      { ok: false, retry: true, reason: 'RetryableJobFailure: upstream down' },
      { ok: false, retry: false, reason: 'PermanentJobFailure: refused' },
    ]);
    expect(jobFailureTable).toEqual({ StoreUnavailable: 'retry', RetryableJobFailure: 'retry', PermanentJobFailure: 'give-up' });
  });

  it('gives up on a defect, thrown or died', async () => {
    const thrown = await runEventHandler({ name: 'x', handles: () => true, handle: () => { throw new RangeError('oops'); } }, sample!);
    const died = await runEventHandler(failingWith(Effect.die('bad state')), sample!);
    expect(thrown).toEqual({ ok: false, retry: false, reason: 'defect: RangeError: oops' });
    expect(died).toEqual({ ok: false, retry: false, reason: 'defect: bad state' });
  });

  it('wants an entry for every tag (the typecheck refuses a table without one)', () => {
    // @ts-expect-error PermanentJobFailure has no entry
    const incomplete: typeof jobFailureTable = { StoreUnavailable: 'retry', RetryableJobFailure: 'retry' };
    expect(Object.keys(incomplete)).toHaveLength(2);
  });
});
