import { Result } from 'effect';
import type { InvalidInput } from '../shared/errors.ts';
import { domainEvent, queueWaitOf, type AllocationDecision, type DomainEvent } from '../shared/events.ts';
import type { IdGenerator } from '../shared/ports.ts';
import { isActive, isPlatformChannel, newTicketFacts, type Ticket, type TicketChannel, type TicketPriority, type TicketStatus } from './ticket.ts';
import { InvalidTransition, TicketClosed } from './tickets.errors.ts';
import { checkOptionalText, checkText } from './text.rules.ts';
import type { SlaSettings } from '../sla/sla-settings.ts';
import { newBreaches, recordBreaches, resumeResolution, startSla } from '../sla/ticket-sla.ts';

/** The status transition table (API.md); setting the current status again is a no-op, not a move. */
export const transitions: Readonly<Record<TicketStatus, ReadonlyArray<TicketStatus>>> = {
  open: ['in_progress', 'resolved', 'closed'],
  in_progress: ['open', 'resolved', 'closed'],
  resolved: ['in_progress', 'closed'],
  closed: [],
};

export const titleRule = { min: 1, max: 200, notBlank: true } as const;
export const descriptionRule = { min: 0, max: 10_000 } as const;

/** Whether the transition table allows going from one status to another. */
export const canTransition = (from: TicketStatus, to: TicketStatus): boolean =>
  from === to || transitions[from].includes(to);

export interface NewTicket {
  readonly id: string;
  readonly tenantId: string;
  readonly title: string;
  readonly description?: string | null;
  readonly priority?: TicketPriority;
  readonly customerId: string;
  readonly channel: TicketChannel;
  readonly channelId?: string | null;
  readonly externalRef?: string | null;
  /** When true the ticket enters the allocation queue at once. */
  readonly autoAssign: boolean;
  /** The tenant's SLA policy and business hours: fixed on the ticket now. */
  readonly slaSettings: SlaSettings;
  readonly now: Date;
}

/**
 * A ticket after an operation with the events that tell of it: a use case persists both or neither.
 * An operation that changes nothing returns the very same ticket and no events.
 */
export interface TicketChange {
  readonly ticket: Ticket;
  readonly events: ReadonlyArray<DomainEvent>;
}

/** The moment of an operation and where its events' ids come from. */
export interface OpContext {
  readonly now: Date;
  readonly ids: IdGenerator;
}

/** What the queue rules also need to know about the tenant. */
export interface QueueContext extends OpContext {
  /** The tenant's auto_assign setting. */
  readonly autoAssign: boolean;
}

/** The ticket unchanged in meaning, with nothing to announce. */
export const noEvents = (ticket: Ticket): TicketChange => ({ ticket, events: [] });

/** The id, tenant and time of an event about the ticket. */
export const meta = (context: OpContext, ticket: Ticket) => ({ id: context.ids.next(), tenantId: ticket.tenantId, occurredAt: context.now });

const breachEvents = (context: OpContext, before: Ticket, after: Ticket): ReadonlyArray<DomainEvent> =>
  newBreaches(before.sla, after.sla).map((target) => domainEvent('sla.breached', meta(context, after), { ticketId: after.id, target }));

/** A chat-platform room's ticket waits for the platform allocator, not the native one. */
const isRoom = (ticket: Ticket): ticket is Ticket & { readonly externalRef: string } => ticket.externalRef !== null;

/**
 * A new open, unassigned ticket, announced by `ticket.created`; queued (`queuedAt = now`) when it is
 * to be auto-assigned. A room's ticket (`externalRef`) is always queued, for the platform allocator (`room.queued`).
 */
export const createTicket = (input: NewTicket, ids: IdGenerator): Result.Result<TicketChange, InvalidInput> =>
  Result.gen(function* () {
    const title = yield* checkText('title', input.title, titleRule);
    const description = yield* checkOptionalText('description', input.description, descriptionRule);
    const room = (input.externalRef ?? null) !== null;
    const ticket: Ticket = {
      id: input.id,
      tenantId: input.tenantId,
      title,
      description,
      status: 'open',
      priority: input.priority ?? 'medium',
      assignedAgentId: null,
      customerId: input.customerId,
      channel: input.channel,
      channelId: input.channelId ?? null,
      externalRef: input.externalRef ?? null,
      queuedAt: input.autoAssign || room ? input.now : null,
      ...newTicketFacts,
      sla: startSla(input.slaSettings.sla?.[input.priority ?? 'medium'], input.slaSettings.businessHours, input.now),
      createdAt: input.now,
      updatedAt: input.now,
    };
    const context = { now: input.now, ids };
    const created = domainEvent('ticket.created', meta(context, ticket), {
      ticketId: ticket.id,
      channel: ticket.channel,
      priority: ticket.priority,
      // The native allocator leaves rooms to the platform allocator.
      autoAssign: input.autoAssign && !room,
    });
    return { ticket, events: isRoom(ticket) ? [created, roomQueued(context, ticket)] : [created] };
  });

const roomQueued = (context: OpContext, ticket: Ticket & { readonly externalRef: string }): DomainEvent =>
  domainEvent('room.queued', meta(context, ticket), { ticketId: ticket.id, roomId: ticket.externalRef });

/** Breaches of targets whose due time has passed by `now` are recorded on the ticket, each announced once (`sla.breached`). */
export const recordSlaBreaches = (ticket: Ticket, context: OpContext): TicketChange => {
  const sla = recordBreaches(ticket, context.now);
  if (sla === ticket.sla) return noEvents(ticket);
  const swept = { ...ticket, sla, updatedAt: context.now };
  return { ticket: swept, events: breachEvents(context, ticket, swept) };
};

const breachesBy = (ticket: Ticket, now: Date): Ticket => {
  const sla = recordBreaches(ticket, now);
  return sla === ticket.sla ? ticket : { ...ticket, sla, updatedAt: now };
};

/** The first message of a staff user answers the ticket (whatever its status); later ones change nothing. */
export const recordFirstResponse = (ticket: Ticket, staffId: string, context: OpContext): TicketChange => {
  if (ticket.firstRespondedAt !== null) return noEvents(ticket);
  const { now } = context;
  const answered = { ...breachesBy(ticket, now), firstRespondedAt: now, firstResponderId: staffId, updatedAt: now };
  return { ticket: answered, events: breachEvents(context, ticket, answered) };
};

/**
 * Moves a ticket to `to` (`ticket.status_changed`). The same status is a no-op. Resolving or closing
 * leaves the queue; reopening keeps the assignee and queues an unassigned ticket when auto_assign is on.
 * Resolving pauses the resolution clock, reopening runs it on; late clocks breach first.
 * `by: 'platform'`: the chat platform ended the conversation itself (nothing to tell it back).
 */
export const changeStatus = (
  ticket: Ticket,
  to: TicketStatus,
  context: QueueContext,
  by?: 'platform',
): Result.Result<TicketChange, InvalidTransition> => {
  const from = ticket.status;
  if (from === to) return Result.succeed(noEvents(ticket));
  if (!transitions[from].includes(to)) return Result.fail(new InvalidTransition({ from, to, allowed: transitions[from] }));
  const { now } = context;
  const reopened = !isActive({ status: from }) && isActive({ status: to });
  const queuedAt = !isActive({ status: to })
    ? null
    : reopened
      ? ticket.assignedAgentId === null && context.autoAssign ? now : null
      : ticket.queuedAt;
  const current = breachesBy(ticket, now);
  const sla = reopened ? resumeResolution(current.sla, ticket.resolvedAt, now) : current.sla;
  const resolvedAt = to === 'resolved' ? now : reopened ? null : ticket.resolvedAt;
  const moved: Ticket = { ...current, status: to, queuedAt, sla, resolvedAt, updatedAt: now };
  const changed = domainEvent('ticket.status_changed', meta(context, ticket), {
    ticketId: ticket.id,
    from,
    to,
    agentId: moved.assignedAgentId,
    ...(by === undefined ? {} : { by }),
  });
  return Result.succeed({ ticket: moved, events: [changed, ...breachEvents(context, ticket, moved)] });
};

/** Who made an assignment: staff by hand, or the allocator with its decision record. */
export type AssignedBy = { readonly by: 'staff' } | { readonly by: 'allocator'; readonly decision: AllocationDecision };

/** The ticket in the agent's hands and out of the queue; the first assignment records the queue wait. */
export const handTo = (ticket: Ticket, agentId: string, now: Date): Ticket => {
  const first = ticket.firstAssignedAt === null;
  return {
    ...ticket,
    assignedAgentId: agentId,
    queuedAt: null,
    assignedAt: now,
    firstAssignedAt: first ? now : ticket.firstAssignedAt,
    // The queue wait the reports count: queued → first assigned (none for a never-queued ticket).
    waitMs: first ? (ticket.queuedAt === null ? null : Math.max(0, now.getTime() - ticket.queuedAt.getTime())) : ticket.waitMs,
    updatedAt: now,
  };
};

/** `queuedSince`: when the ticket entered the queue; an allocator assignment records the wait from there (`queueWait`). */
export const assignedEvent = (context: OpContext, ticket: Ticket, agentId: string, previousAgentId: string | null, how: AssignedBy, queuedSince: Date | null): DomainEvent =>
  domainEvent('ticket.assigned', meta(context, ticket), {
    ticketId: ticket.id,
    agentId,
    previousAgentId,
    by: how.by,
    decision: how.by === 'allocator' ? how.decision : null,
    ...(how.by === 'allocator' ? queueWaitOf(isPlatformChannel(ticket.channel) ? 'platform' : 'native', queuedSince, context.now) : {}),
  });

/** Hands the ticket to an agent and takes it out of the queue (`ticket.assigned`); the same agent again is a no-op. */
export const assign = (ticket: Ticket, agentId: string, context: OpContext, how: AssignedBy): Result.Result<TicketChange, TicketClosed> => {
  if (ticket.status === 'closed') return Result.fail(new TicketClosed({ ticketId: ticket.id }));
  if (ticket.assignedAgentId === agentId) return Result.succeed(noEvents(ticket));
  const assigned = handTo(ticket, agentId, context.now);
  return Result.succeed({ ticket: assigned, events: [assignedEvent(context, ticket, agentId, ticket.assignedAgentId, how, ticket.queuedAt)] });
};

/** Takes the agent off the ticket (`ticket.unassigned`); an active ticket goes back to the queue when auto_assign is on. */
export const unassign = (ticket: Ticket, context: QueueContext): Result.Result<TicketChange, TicketClosed> => {
  if (ticket.status === 'closed') return Result.fail(new TicketClosed({ ticketId: ticket.id }));
  const previousAgentId = ticket.assignedAgentId;
  if (previousAgentId === null) return Result.succeed(noEvents(ticket));
  const queuedAt = context.autoAssign && isActive(ticket) ? context.now : null;
  const unassigned = { ...ticket, assignedAgentId: null, queuedAt, assignedAt: null, updatedAt: context.now };
  return Result.succeed({ ticket: unassigned, events: [domainEvent('ticket.unassigned', meta(context, ticket), { ticketId: ticket.id, previousAgentId })] });
};

/** An active, unassigned ticket out of the queue enters it at the back (`queuedAt = now`); a room's, announced by `room.queued`. */
export const enterQueue = (ticket: Ticket, context: OpContext): TicketChange => {
  const queued = { ...ticket, queuedAt: context.now, updatedAt: context.now };
  return { ticket: queued, events: isRoom(queued) ? [roomQueued(context, queued)] : [] };
};

/** Out of the allocation queue, still active and unassigned: the ticket is served outside Switchboard. */
export const leaveQueue = (ticket: Ticket, context: OpContext): TicketChange => noEvents({ ...ticket, queuedAt: null, updatedAt: context.now });

/** True while the ticket waits for the allocator. */
export const isWaiting = (ticket: Ticket): boolean =>
  isActive(ticket) && ticket.assignedAgentId === null && ticket.queuedAt !== null;
