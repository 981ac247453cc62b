import type { Ticket } from '../../../apps/console/src/lib/types.ts';

/** A ticket as the API returns it to the console, created at minute `created` of one morning. */
export const consoleTicket = (id: string, created: string, changes: Partial<Ticket> = {}): Ticket => ({
  id,
  tenant_id: 't1',
  title: `Ticket ${id}`,
  description: null,
  status: 'open',
  priority: 'medium',
  assigned_agent_id: 'ana',
  customer_id: 'c1',
  channel: 'webhook',
  channel_id: 'ch1',
  external_ref: null,
  created_at: `2026-12-03T08:${created}:00.000Z`,
  updated_at: `2026-12-03T08:${created}:00.000Z`,
  ...changes,
});
