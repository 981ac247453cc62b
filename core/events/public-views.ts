import type { User } from '../access/user.ts';
import type { AllocationDecision } from '../shared/events.ts';
import { isoString } from '../shared/iso-date.ts';
import type { Message } from '../tickets/message.ts';
import type { Ticket } from '../tickets/ticket.ts';
import { breachedTargets, type SlaTarget } from '../sla/ticket-sla.ts';

/** A ticket as the HTTP API returns it; events carry the same JSON. */
export interface TicketView {
  readonly id: string;
  readonly tenant_id: string;
  readonly title: string;
  readonly description: string | null;
  readonly status: Ticket['status'];
  readonly priority: Ticket['priority'];
  readonly assigned_agent_id: string | null;
  readonly customer_id: string;
  readonly channel: Ticket['channel'];
  readonly channel_id: string | null;
  readonly external_ref: string | null;
  readonly sla: TicketSlaView | null;
  readonly created_at: string;
  readonly updated_at: string;
}

/** A ticket's SLA clocks (API.md "SLA"). */
export interface TicketSlaView {
  readonly first_response_due_at: string | null;
  readonly first_responded_at: string | null;
  readonly resolution_due_at: string | null;
  readonly resolved_at: string | null;
  readonly breached: ReadonlyArray<SlaTarget>;
}

const isoOrNull = (d: Date | null): string | null => (d === null ? null : isoString(d));

export const ticketSlaView = (t: Ticket): TicketSlaView | null =>
  t.sla === null
    ? null
    : {
        first_response_due_at: isoOrNull(t.sla.firstResponseDueAt),
        first_responded_at: isoOrNull(t.firstRespondedAt),
        resolution_due_at: isoOrNull(t.sla.resolutionDueAt),
        resolved_at: isoOrNull(t.resolvedAt),
        breached: breachedTargets(t.sla),
      };

export interface MessageView {
  readonly id: string;
  readonly ticket_id: string;
  readonly tenant_id: string;
  readonly sender_type: Message['senderType'];
  readonly sender_id: string | null;
  readonly message: string;
  readonly created_at: string;
}

/** A staff user as the API returns it: never the password hash. */
export interface UserView {
  readonly id: string;
  readonly tenant_id: string;
  readonly email: string;
  readonly name: string;
  readonly role: User['role'];
  readonly active: boolean;
  readonly availability: User['availability'];
  readonly max_customers: number | null;
  readonly can_login: boolean;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface DecisionView {
  readonly candidates: ReadonlyArray<{ readonly agent_id: string; readonly load: number; readonly capacity: number }>;
  readonly considered: number;
  readonly reason: AllocationDecision['reason'];
}

export const ticketView = (t: Ticket): TicketView => ({
  id: t.id,
  tenant_id: t.tenantId,
  title: t.title,
  description: t.description,
  status: t.status,
  priority: t.priority,
  assigned_agent_id: t.assignedAgentId,
  customer_id: t.customerId,
  channel: t.channel,
  channel_id: t.channelId,
  external_ref: t.externalRef,
  sla: ticketSlaView(t),
  created_at: isoString(t.createdAt),
  updated_at: isoString(t.updatedAt),
});

export const messageView = (m: Message): MessageView => ({
  id: m.id,
  ticket_id: m.ticketId,
  tenant_id: m.tenantId,
  sender_type: m.senderType,
  sender_id: m.senderId,
  message: m.message,
  created_at: isoString(m.createdAt),
});

export const userView = (u: User): UserView => ({
  id: u.id,
  tenant_id: u.tenantId,
  email: u.email,
  name: u.name,
  role: u.role,
  active: u.active,
  availability: u.availability,
  max_customers: u.maxCustomers,
  can_login: u.passwordHash !== null,
  created_at: isoString(u.createdAt),
  updated_at: isoString(u.updatedAt),
});

export const decisionView = (d: AllocationDecision): DecisionView => ({
  candidates: d.candidates.map((c) => ({ agent_id: c.agentId, load: c.load, capacity: c.capacity })),
  considered: d.considered,
  reason: d.reason,
});
