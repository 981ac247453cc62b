import type { DomainEvent, DomainEventType } from '../../core/shared/events.ts';
import type { EventHandler } from '../../core/shared/outbox.port.ts';

/** Every job Switchboard runs on published events, in the order a runner offers it an event. */
export const jobNames = ['allocation', 'integrations.allocate-rooms', 'integrations.resolve-room', 'webhooks'] as const;
export type JobName = (typeof jobNames)[number];

/**
 * The one event → job routing: each event type and the jobs it is delivered to (RabbitMQ binds each
 * job's queue to exactly these; the in-process runner offers the event to exactly these). A job's
 * `handles` may still pass on one event by its payload. A new event type needs its entry, even empty.
 */
export const eventJobs = {
  'ticket.created': ['allocation', 'integrations.allocate-rooms', 'webhooks'],
  'ticket.assigned': ['allocation', 'integrations.allocate-rooms', 'webhooks'],
  'ticket.unassigned': ['allocation', 'integrations.allocate-rooms', 'webhooks'],
  'ticket.status_changed': ['allocation', 'integrations.allocate-rooms', 'integrations.resolve-room', 'webhooks'],
  'message.created': ['webhooks'],
  'allocation.queued': ['webhooks'],
  'agent.availability_changed': ['allocation', 'integrations.allocate-rooms', 'webhooks'],
  'agent.capacity_changed': ['allocation', 'integrations.allocate-rooms'],
  'settings.changed': ['allocation', 'integrations.allocate-rooms'],
  'room.queued': ['integrations.allocate-rooms'],
  'sla.breached': ['webhooks'],
  'webhook.redelivery_requested': ['webhooks'],
} as const satisfies { readonly [T in DomainEventType]: ReadonlyArray<JobName> };

/** A registered job: its handler, offered only the event types the registry routes to it. */
export type Job = EventHandler & { readonly name: JobName; readonly eventTypes: ReadonlyArray<DomainEventType> };

/** The event types routed to `job`. */
export const eventTypesOf = (job: JobName): ReadonlyArray<DomainEventType> =>
  (Object.keys(eventJobs) as Array<DomainEventType>).filter((type) => (eventJobs[type] as ReadonlyArray<JobName>).includes(job));

/** Each job's handler under its registered name and event types, in `jobNames` order. */
export const registeredJobs = (handlers: { readonly [J in JobName]: EventHandler }): ReadonlyArray<Job> =>
  jobNames.map((name) => {
    const handler = handlers[name];
    const eventTypes = eventTypesOf(name);
    return {
      name,
      eventTypes,
      ...(handler.concurrent === undefined ? {} : { concurrent: handler.concurrent }),
      handles: (event: DomainEvent) => eventTypes.includes(event.type) && handler.handles(event),
      handle: (event: DomainEvent) => handler.handle(event),
    };
  });
