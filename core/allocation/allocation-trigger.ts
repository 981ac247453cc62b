import type { DomainEvent } from '../shared/events.ts';

/** What an event asks of the allocator: drain the tenant's queue, for one ticket's sake when `ticketId` is set. */
export interface AllocationTrigger {
  readonly tenantId: string;
  /** Run `AllocateTicketUseCase` for this ticket (it may emit `allocation.queued`); null: `DrainQueueUseCase`. */
  readonly ticketId: string | null;
}

/** Which events must cause a drain of which tenant; null for every other event. */
export const allocationTrigger = (event: DomainEvent): AllocationTrigger | null => {
  const { tenantId } = event;
  switch (event.type) {
    case 'ticket.created':
      return event.payload.autoAssign ? { tenantId, ticketId: event.payload.ticketId } : null;
    case 'ticket.status_changed': {
      const { from, to, ticketId } = event.payload;
      if (to === 'resolved' || to === 'closed') return { tenantId, ticketId: null };
      return from === 'resolved' ? { tenantId, ticketId } : null;
    }
    case 'ticket.unassigned':
      return { tenantId, ticketId: event.payload.ticketId };
    case 'ticket.assigned':
      // A reassignment frees a place with the previous agent.
      return event.payload.previousAgentId === null ? null : { tenantId, ticketId: null };
    case 'agent.availability_changed':
      return event.payload.availability === 'online' ? { tenantId, ticketId: null } : null;
    case 'agent.capacity_changed':
    case 'settings.changed':
      return { tenantId, ticketId: null };
    default:
      return null;
  }
};
