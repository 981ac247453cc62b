import type { Priority, QueuedTicket, Ticket } from './types.ts';

const rank: Record<Priority, number> = { high: 0, medium: 1, low: 2 };

/**
 * The waiting queue as an agent can see it. The allocation queue itself is admin-only, so its order is
 * rebuilt from the unassigned open tickets the way the allocator serves them: priority, then first come.
 */
export const queueOrder = (tickets: ReadonlyArray<Ticket>): ReadonlyArray<QueuedTicket> =>
  [...tickets]
    .sort((a, b) => rank[a.priority] - rank[b.priority] || (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : 1))
    // A never-assigned ticket entered the queue when it was created.
    .map((ticket, i) => ({ ...ticket, queued_at: ticket.created_at, position: i + 1 }));
