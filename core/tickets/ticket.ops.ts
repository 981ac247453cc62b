import { Result } from 'effect';
import type { InvalidInput } from '../shared/errors.ts';
import { isActive, newTicketFacts, type Ticket, type TicketChannel, type TicketPriority, type TicketStatus } from './ticket.ts';
import { InvalidTransition, TicketClosed } from './tickets.errors.ts';
import { checkOptionalText, checkText } from './text.rules.ts';
import type { SlaSettings } from '../sla/sla-settings.ts';
import { recordBreaches, resumeResolution, startSla } from '../sla/ticket-sla.ts';

/** The status transition table (API.md); setting the current status again is a no-op, not a move. */
export const transitions: Readonly<Record<TicketStatus, ReadonlyArray<TicketStatus>>> = {
  open: ['in_progress', 'resolved', 'closed'],
  in_progress: ['open', 'resolved', 'closed'],
  resolved: ['in_progress', 'closed'],
  closed: [],
};

export const titleRule = { min: 1, max: 200, notBlank: true } as const;
export const descriptionRule = { min: 0, max: 10_000 } as const;

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

/** A new open, unassigned ticket; queued (`queuedAt = now`) when it is to be auto-assigned. */
export const createTicket = (input: NewTicket): Result.Result<Ticket, InvalidInput> =>
  Result.gen(function* () {
    const title = yield* checkText('title', input.title, titleRule);
    const description = yield* checkOptionalText('description', input.description, descriptionRule);
    return {
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
      queuedAt: input.autoAssign ? input.now : null,
      ...newTicketFacts,
      sla: startSla(input.slaSettings.sla?.[input.priority ?? 'medium'], input.slaSettings.businessHours, input.now),
      createdAt: input.now,
      updatedAt: input.now,
    } satisfies Ticket;
  });

/** What the queue rules need to know about the moment and the tenant. */
export interface QueueContext {
  readonly now: Date;
  /** The tenant's auto_assign setting. */
  readonly autoAssign: boolean;
}

/** Breaches of targets whose due time has passed by `now` are recorded on the ticket (the same ticket when none). */
export const recordSlaBreaches = (ticket: Ticket, now: Date): Ticket => {
  const sla = recordBreaches(ticket, now);
  return sla === ticket.sla ? ticket : { ...ticket, sla, updatedAt: now };
};

/** The first message of a staff user answers the ticket (whatever its status); later ones change nothing. */
export const recordFirstResponse = (ticket: Ticket, staffId: string, now: Date): Ticket =>
  ticket.firstRespondedAt !== null
    ? ticket
    : { ...recordSlaBreaches(ticket, now), firstRespondedAt: now, firstResponderId: staffId, updatedAt: now };

/**
 * Moves a ticket to `to`. The same status returns the very same ticket (a no-op). Resolving or
 * closing leaves the queue; reopening keeps the assignee and queues an unassigned ticket when auto_assign is on.
 * Resolving pauses the resolution clock, reopening runs it on; late clocks breach first.
 */
export const changeStatus = (ticket: Ticket, to: TicketStatus, context: QueueContext): Result.Result<Ticket, InvalidTransition> => {
  const from = ticket.status;
  if (from === to) return Result.succeed(ticket);
  if (!transitions[from].includes(to)) return Result.fail(new InvalidTransition({ from, to, allowed: transitions[from] }));
  const { now } = context;
  const reopened = !isActive({ status: from }) && isActive({ status: to });
  const queuedAt = !isActive({ status: to })
    ? null
    : reopened
      ? ticket.assignedAgentId === null && context.autoAssign ? now : null
      : ticket.queuedAt;
  const current = recordSlaBreaches(ticket, now);
  const sla = reopened ? resumeResolution(current.sla, ticket.resolvedAt, now) : current.sla;
  const resolvedAt = to === 'resolved' ? now : reopened ? null : ticket.resolvedAt;
  return Result.succeed({ ...current, status: to, queuedAt, sla, resolvedAt, updatedAt: now });
};

/** Hands the ticket to an agent and takes it out of the queue; the same agent again is a no-op. */
export const assign = (ticket: Ticket, agentId: string, now: Date): Result.Result<Ticket, TicketClosed> => {
  if (ticket.status === 'closed') return Result.fail(new TicketClosed({ ticketId: ticket.id }));
  if (ticket.assignedAgentId === agentId) return Result.succeed(ticket);
  const first = ticket.firstAssignedAt === null;
  return Result.succeed({
    ...ticket,
    assignedAgentId: agentId,
    queuedAt: null,
    assignedAt: now,
    firstAssignedAt: first ? now : ticket.firstAssignedAt,
    // The queue wait the reports count: queued → first assigned (none for a never-queued ticket).
    waitMs: first ? (ticket.queuedAt === null ? null : Math.max(0, now.getTime() - ticket.queuedAt.getTime())) : ticket.waitMs,
    updatedAt: now,
  });
};

/** Takes the agent off the ticket; an active ticket goes back to the queue when auto_assign is on. */
export const unassign = (ticket: Ticket, context: QueueContext): Result.Result<Ticket, TicketClosed> => {
  if (ticket.status === 'closed') return Result.fail(new TicketClosed({ ticketId: ticket.id }));
  if (ticket.assignedAgentId === null) return Result.succeed(ticket);
  const queuedAt = context.autoAssign && isActive(ticket) ? context.now : null;
  return Result.succeed({ ...ticket, assignedAgentId: null, queuedAt, assignedAt: null, updatedAt: context.now });
};

/** An active, unassigned ticket out of the queue enters it at the back (`queuedAt = now`). */
export const enterQueue = (ticket: Ticket, now: Date): Ticket => ({ ...ticket, queuedAt: now, updatedAt: now });

/** Out of the allocation queue, still active and unassigned: the ticket is served outside Switchboard. */
export const leaveQueue = (ticket: Ticket, now: Date): Ticket => ({ ...ticket, queuedAt: null, updatedAt: now });

/** Takes a reserved (not yet announced) assignment back: to the queue at `queuedAt`, or out of it when null. */
export const releaseHold = (ticket: Ticket, queuedAt: Date | null, now: Date): Ticket => ({ ...ticket, assignedAgentId: null, queuedAt, updatedAt: now });

/** True while the ticket waits for the allocator. */
export const isWaiting = (ticket: Ticket): boolean =>
  isActive(ticket) && ticket.assignedAgentId === null && ticket.queuedAt !== null;
